using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PostFanOutsUnusedUploads : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "UsedAt",
                table: "Uploads",
                type: "INTEGER",
                nullable: true);

            // Uploads from before this version count as used: only those uploaded from now on and never posted are swept.
            migrationBuilder.Sql("UPDATE \"Uploads\" SET \"UsedAt\" = \"CreatedAt\";");

            migrationBuilder.CreateTable(
                name: "PostFanOuts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PostId = table.Column<int>(type: "INTEGER", nullable: false),
                    Audience = table.Column<int>(type: "INTEGER", nullable: false),
                    HubId = table.Column<int>(type: "INTEGER", nullable: false),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AfterUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PostFanOuts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Uploads_UsedAt_CreatedAt",
                table: "Uploads",
                columns: new[] { "UsedAt", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PostFanOuts");

            migrationBuilder.DropIndex(
                name: "IX_Uploads_UsedAt_CreatedAt",
                table: "Uploads");

            migrationBuilder.DropColumn(
                name: "UsedAt",
                table: "Uploads");
        }
    }
}
