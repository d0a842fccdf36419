using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ValueDashboard : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "SolvedAt",
                table: "Threads",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ThreadViewsDaily",
                columns: table => new
                {
                    ThreadId = table.Column<int>(type: "INTEGER", nullable: false),
                    Day = table.Column<int>(type: "INTEGER", nullable: false),
                    HubId = table.Column<int>(type: "INTEGER", nullable: false),
                    Views = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ThreadViewsDaily", x => new { x.ThreadId, x.Day });
                });

            migrationBuilder.CreateIndex(
                name: "IX_ThreadViewsDaily_Day_HubId",
                table: "ThreadViewsDaily",
                columns: new[] { "Day", "HubId" });

            // Solved before this column existed: the thread's last activity is the best known time.
            migrationBuilder.Sql("""
                UPDATE "Threads" SET "SolvedAt" = "LastActivityAt" WHERE "Status" = 1 AND "SolvedAt" IS NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ThreadViewsDaily");

            migrationBuilder.DropColumn(
                name: "SolvedAt",
                table: "Threads");
        }
    }
}
