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

    [SqliteFact]
    public async Task Home_hub_and_thread_lists_read_an_index_in_their_order()
    {
        var hub = await app.HubAsync();
        ServedByIndexes("home, latest", await PlanAsync(HomePage.Latest));
        ServedByIndexes("home, unanswered", await PlanAsync(HomePage.Unanswered));
        var cursor = new ListCursor(DateTimeOffset.UtcNow, 987654);
        // The cursor goes to SQLite as parameters, so every page shares one cached query and plan.
        var sql = await app.WithDbAsync(db => Task.FromResult(HubPage.Keys(db, [hub.Id], HubTab.Latest, cursor, false).ToQueryString()));
        Assert.DoesNotContain("987654", string.Join('\n', sql.Split('\n').Where(l => !l.StartsWith(".param", StringComparison.Ordinal))));
        Assert.Contains(".param set", sql);
        foreach (var tab in Enum.GetValues<HubTab>())
            foreach (var newer in new[] { false, true })
            {
                ServedByIndexes($"hub page, {tab}", await PlanAsync(db => HubPage.Keys(db, [hub.Id], tab, null, newer)));
                ServedByIndexes($"hub page, {tab}, after a cursor", await PlanAsync(db => HubPage.Keys(db, [hub.Id], tab, cursor, newer)));
            }
    }

    [SqliteFact]
    public async Task A_hub_with_sub_hubs_reads_each_index_in_order_and_sorts_only_the_merged_page()
    {
        var hubs = new[] { (await app.HubAsync()).Id, (await app.HubAsync()).Id, (await app.HubAsync()).Id };
        foreach (var tab in Enum.GetValues<HubTab>())
        {
            var plan = await PlanAsync(db => HubPage.Keys(db, hubs, tab, new ListCursor(DateTimeOffset.UtcNow, 1000), newer: false)).ContinueWith(t => t.Result.Split('\n'));
            // One ordered index search per hub, merged; the only sorts are of each hub's page (at most 21 rows) for the merge.
            Assert.Equal(hubs.Length, plan.Count(s => s.StartsWith("SEARCH", StringComparison.Ordinal) && s.Contains("USING", StringComparison.Ordinal)));
            Assert.Contains("MERGE (UNION ALL)", plan);
            var pages = plan.Where(s => s.StartsWith("CO-ROUTINE ", StringComparison.Ordinal)).Select(s => "SCAN " + s["CO-ROUTINE ".Length..]).ToHashSet();
            for (var i = 0; i < plan.Length; i++)
            {
                if (plan[i].StartsWith("SCAN", StringComparison.Ordinal)) Assert.True(pages.Contains(plan[i]), $"{tab} scans a table: {plan[i]}\n{string.Join('\n', plan)}");
                if (plan[i].Contains("TEMP B-TREE", StringComparison.Ordinal)) Assert.True(i > 0 && pages.Contains(plan[i - 1]), $"{tab} sorts more than a page: {string.Join('\n', plan)}");
            }
        }
    }

    [SqliteFact]
    public async Task A_persons_questions_and_answers_read_their_index_in_order()
    {
        var cursor = new ListCursor(DateTimeOffset.UtcNow, 1000);
        foreach (var from in new[] { null, cursor })
        {
            ServedByIndexes("questions of a person", await PlanAsync(db => Community.Web.Features.Users.Activity.AskedKeys(db, "someone", from, 21)));
            ServedByIndexes("answers of a person", await PlanAsync(db => Community.Web.Features.Users.Activity.AnswerKeys(db, "someone", from, 21)));
        }
    }
}
