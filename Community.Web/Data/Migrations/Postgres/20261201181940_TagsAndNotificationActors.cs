using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Web.Data.Migrations.Postgres
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
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ThreadTags",
                columns: table => new
                {
                    Tag = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    ThreadId = table.Column<int>(type: "integer", nullable: false)
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
                INSERT INTO "ThreadTags" ("Tag", "ThreadId")
                SELECT DISTINCT t.tag, th."Id" FROM "Threads" th, unnest(string_to_array(trim(th."Tags"), ' ')) AS t(tag)
                WHERE t.tag <> ''
                ON CONFLICT DO NOTHING;
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
