using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Community.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class BackfillFirstAnswerAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Threads answered before this column existed get their first answer's time.
            migrationBuilder.Sql("""
                UPDATE "Threads" SET "FirstAnswerAt" =
                    (SELECT MIN(p."CreatedAt") FROM "Posts" p WHERE p."ThreadId" = "Threads"."Id" AND NOT p."IsQuestion" AND NOT p."IsHidden")
                WHERE "FirstAnswerAt" IS NULL;
                """);

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
