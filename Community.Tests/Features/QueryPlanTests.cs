using Community.Tests.Support;
using Community.Web.Data;
using Community.Web.Features.Home;
using Community.Web.Features.Hubs;
using Microsoft.EntityFrameworkCore;

namespace Community.Tests.Features;

/// <summary>
/// The list queries the busiest pages run are served by an index, in the order they are read: SQLite's plan shows no
/// scan of a table and no sort of its rows. A change that loses such an index makes a page's cost grow with the
/// content, and fails here.
/// </summary>
public class QueryPlanTests(CommunityApp app) : IClassFixture<CommunityApp>
{
    private Task<string> PlanAsync(Func<CommunityDb, IQueryable> query) => app.WithDbAsync(async db =>
    {
        // ToQueryString declares parameters as ".param set" lines for the sqlite3 shell; unbound they are NULL, which
        // does not change the plan's shape.
        var sql = string.Join('\n', query(db).ToQueryString().Split('\n').Where(l => !l.StartsWith(".param", StringComparison.Ordinal)));
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        var steps = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) steps.Add(reader.GetString(3));
        return string.Join('\n', steps);
    });

    private static void ServedByIndexes(string what, string plan)
    {
        foreach (var step in plan.Split('\n'))
        {
            Assert.False(step.StartsWith("SCAN", StringComparison.Ordinal) && !step.Contains("USING", StringComparison.Ordinal),
                $"{what} scans a table: {step}\n{plan}");
            Assert.False(step.Contains("TEMP B-TREE", StringComparison.Ordinal), $"{what} sorts its rows: {step}\n{plan}");
        }
    }

    [Fact]
    public async Task Home_hub_and_thread_lists_read_an_index_in_their_order()
    {
        var hub = await app.HubAsync();
        ServedByIndexes("home, latest", await PlanAsync(HomePage.Latest));
        ServedByIndexes("home, unanswered", await PlanAsync(HomePage.Unanswered));
        foreach (var tab in Enum.GetValues<HubTab>())
            ServedByIndexes($"hub page, {tab}", await PlanAsync(db => HubPage.Rows(db, HubPage.Threads(db, [hub.Id], tab), page: 3)));
    }
}
