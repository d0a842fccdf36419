using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Community.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PostFanOutsUnusedUploads : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "UsedAt",
                table: "Uploads",
                type: "timestamp with time zone",
                nullable: true);

            // Uploads from before this version count as used: only those uploaded from now on and never posted are swept.
            migrationBuilder.Sql("UPDATE \"Uploads\" SET \"UsedAt\" = \"CreatedAt\";");

            migrationBuilder.CreateTable(
                name: "PostFanOuts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PostId = table.Column<int>(type: "integer", nullable: false),
                    Audience = table.Column<int>(type: "integer", nullable: false),
                    HubId = table.Column<int>(type: "integer", nullable: false),
                    ActorName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AfterUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true)
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
