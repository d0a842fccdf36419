using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class UploadUsedAt : Migration
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

            migrationBuilder.CreateIndex(
                name: "IX_Uploads_UsedAt_CreatedAt",
                table: "Uploads",
                columns: new[] { "UsedAt", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Uploads_UsedAt_CreatedAt",
                table: "Uploads");

            migrationBuilder.DropColumn(
                name: "UsedAt",
                table: "Uploads");
        }
    }
}
