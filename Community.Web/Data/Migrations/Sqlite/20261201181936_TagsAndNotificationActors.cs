using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TagsAndNotificationActors : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ActorName",
                table: "Notifications",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ThreadTags",
                columns: table => new
                {
                    Tag = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    ThreadId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ThreadTags", x => new { x.Tag, x.ThreadId });
                    table.ForeignKey(
                        name: "FK_ThreadTags_Threads_ThreadId",
                        column: x => x.ThreadId,
                        principalTable: "Threads",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ThreadTags_ThreadId",
                table: "ThreadTags",
                column: "ThreadId");

            // Threads asked before this migration get their tag rows (tags are stored as " a b c ").
            migrationBuilder.Sql("""
                WITH RECURSIVE split(id, rest, tag) AS (
                    SELECT "Id", ltrim("Tags") || ' ', NULL FROM "Threads" WHERE trim("Tags") <> ''
                    UNION ALL
                    SELECT id, ltrim(substr(rest, instr(rest, ' ') + 1)), substr(rest, 1, instr(rest, ' ') - 1) FROM split WHERE rest <> ''
                )
                INSERT OR IGNORE INTO "ThreadTags" ("Tag", "ThreadId") SELECT tag, id FROM split WHERE tag IS NOT NULL AND tag <> '';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ThreadTags");

            migrationBuilder.DropColumn(
                name: "ActorName",
                table: "Notifications");
        }
    }
}
