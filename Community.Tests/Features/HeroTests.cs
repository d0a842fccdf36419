using System.Net.Http.Json;
using System.Text.Json;
using Community.Domain.Reputation;
using Community.Tests.Support;
using Community.Web.Cli;
using Community.Web.Data;
using Community.Web.Features.Reputation;
using Community.Web.Features.Threads;
using Community.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Tests.Features;

/// <summary>Each test works in its own months so the shared app's awards do not meet.</summary>
public class HeroTests(ClockedCommunityApp app) : IClassFixture<ClockedCommunityApp>
{
    private static DateTimeOffset Vienna(int y, int m, int d, int h = 12) =>
        new DateTimeOffset(y, m, d, h, 0, 0, TimeSpan.Zero);

    /// <summary>The helper answers and gets the answer accepted at the given time: +15 points, 1 solution.</summary>
    private async Task SolveAsync(TestUser helper, DateTimeOffset at, Community.Domain.Threads.Hub? hub = null)
    {
        app.Clock.Set(at);
        var asker = await app.CreateUserAsync();
        var thread = await app.AskAsync(asker, hub ?? await app.HubAsync(), answers: 1, answerer: helper);
        await app.SendAsync(new MarkSolution.Command(new Actor(asker.Id, false), thread.Id, thread.AnswerIds[0]));
    }

    private async Task KudosAsync(TestUser author, DateTimeOffset at)
    {
        app.Clock.Set(at);
        var thread = await app.AskAsync(await app.CreateUserAsync(), await app.HubAsync(), answers: 1, answerer: author);
        await app.SendAsync(new GiveKudos.Command(new Actor((await app.CreateUserAsync()).Id, false), thread.AnswerIds[0]));
    }

    private Task<IReadOnlyList<HeroElection.Result>> ElectAsync(Month month) => app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<CommunityDb>();
        await using var tx = await db.Database.BeginTransactionAsync();
        var result = await sp.GetRequiredService<HeroElection>().ElectAsync(month, default);
        await tx.CommitAsync();
        return result;
    });

    private Task<List<HeroAward>> AwardsAsync(Month month) => app.WithDbAsync(db => db.HeroAwards.Where(a => a.Month == month.Key && a.HubId == 0).ToListAsync());

    [Fact]
    public async Task The_hero_gets_the_bonus_a_badge_a_banner_and_a_hall_of_fame_entry_once()
    {
        var month = new Month(2031, 5);
        var hero = await app.CreateUserAsync();
        var runnerUp = await app.CreateUserAsync();
        await SolveAsync(hero, Vienna(2031, 5, 3));
        await SolveAsync(hero, Vienna(2031, 5, 4));
        await SolveAsync(runnerUp, Vienna(2031, 5, 5));

        app.Clock.Set(Vienna(2031, 6, 1, 9));
        var results = await ElectAsync(month);
        Assert.Equal(hero.Id, results[0].UserId);
        Assert.True(results[0].AwardedNow);
        var again = await ElectAsync(month);
        Assert.False(again[0].AwardedNow);

        Assert.Single(await AwardsAsync(month));
        Assert.Equal(1, await app.WithDbAsync(db => db.Ledger.CountAsync(l => l.UserId == hero.Id && l.Reason == PointsReason.HeroOfTheMonth)));
        Assert.Equal(30 + 100, await app.WithDbAsync(db => db.Users.Where(u => u.Id == hero.Id).Select(u => u.Reputation).SingleAsync()));
        Assert.Contains("hero-2031-05", await app.WithDbAsync(db => db.UserBadges.Where(b => b.UserId == hero.Id).Select(b => b.Badge).ToListAsync()));

        var home = await (await app.Browser().GetAsync("/")).HtmlAsync();
        Assert.Contains("Hero of May 2031", home);
        Assert.Contains($">{hero.Name}</a>", home);
        var fame = await (await app.Browser().GetAsync("/hall-of-fame")).HtmlAsync();
        Assert.Contains("May 2031", fame);
        Assert.Contains(hero.Name, fame);
        var api = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/hall-of-fame");
        Assert.Contains(api.EnumerateArray(), e => e.GetProperty("month").GetString() == "2031-05" && e.GetProperty("name").GetString() == hero.Name);

        app.Clock.Set(Vienna(2031, 7, 2));
        Assert.DoesNotContain("Hero of May 2031", await (await app.Browser().GetAsync("/")).HtmlAsync());
    }

    [Fact]
    public async Task A_linked_hero_is_reported_to_the_crm_with_the_bonus_as_a_credit_and_the_payload_is_stable()
    {
        var month = new Month(2033, 4);
        var hero = await app.CreateUserAsync();
        await SolveAsync(hero, Vienna(2033, 4, 10));
        await app.LinkAsync(hero, "87654321");
        app.Clock.Set(Vienna(2033, 5, 1, 8));
        await ElectAsync(month);

        var events = await app.WithDbAsync(db => db.OutboxEvents.Where(e => e.Payload.Contains(hero.Id)).OrderBy(e => e.Id).Select(e => new { e.Type, e.Payload }).ToListAsync());
        Assert.Equal(["account.linked", "reputation.credited", "reputation.credited", "hero_of_month.awarded"], events.Select(e => e.Type));
        var bonus = JsonDocument.Parse(events[2].Payload).RootElement.GetProperty("data");
        Assert.Equal((100, "hero_of_the_month"), (bonus.GetProperty("points").GetInt32(), bonus.GetProperty("reason").GetString()));

        // The receiver-facing contract, with the per-run values replaced.
        var payload = events[3].Payload.Replace(hero.Id, "<user-id>").Replace(hero.Name, "<user-name>");
        payload = System.Text.RegularExpressions.Regex.Replace(payload, "msg_[0-9a-f]{32}", "msg_<id>");
        payload = System.Text.RegularExpressions.Regex.Replace(payload, "\"hallOfFameUrl\":\"[^\"]*/hall-of-fame\"", "\"hallOfFameUrl\":\"<base>/hall-of-fame\"");
        Snapshooter.Xunit.Snapshot.Match(JsonDocument.Parse(payload).RootElement.ToString());
    }

    [Fact]
    public async Task Two_workers_electing_at_once_award_once()
    {
        var month = new Month(2032, 2);
        var hero = await app.CreateUserAsync();
        await SolveAsync(hero, Vienna(2032, 2, 10));
        app.Clock.Set(Vienna(2032, 3, 1, 6));

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => ElectAsync(month))));
        Assert.Equal(1, results.Count(r => r[0].AwardedNow));
        Assert.All(results, r => Assert.Equal(hero.Id, r[0].UserId));
        Assert.Single(await AwardsAsync(month));
        Assert.Equal(1, await app.WithDbAsync(db => db.Ledger.CountAsync(l => l.UserId == hero.Id && l.Reason == PointsReason.HeroOfTheMonth)));
    }

    [Fact]
    public async Task Points_at_half_past_midnight_vienna_on_the_first_count_for_the_new_month()
    {
        var early = await app.CreateUserAsync();
        var late = await app.CreateUserAsync();
        await SolveAsync(early, Vienna(2033, 10, 12));
        // 31 Oct 23:30 UTC is 1 Nov 00:30 in Vienna (CET after the DST change): November's points.
        await SolveAsync(late, new DateTimeOffset(2033, 10, 31, 23, 30, 0, TimeSpan.Zero));
        await SolveAsync(late, new DateTimeOffset(2033, 10, 31, 23, 40, 0, TimeSpan.Zero));

        app.Clock.Set(new DateTimeOffset(2033, 10, 31, 22, 59, 0, TimeSpan.Zero));
        await Assert.ThrowsAsync<Community.Domain.DomainException>(() => ElectAsync(new Month(2033, 10)));
        app.Clock.Set(new DateTimeOffset(2033, 10, 31, 23, 50, 0, TimeSpan.Zero));
        Assert.Equal(early.Id, (await ElectAsync(new Month(2033, 10)))[0].UserId);
        app.Clock.Set(Vienna(2033, 12, 1));
        Assert.Equal(late.Id, (await ElectAsync(new Month(2033, 11)))[0].UserId);
    }

    [Fact]
    public async Task Ties_go_to_more_solutions_then_to_who_reached_the_total_first()
    {
        var kudosOnly = await app.CreateUserAsync();
        var solver = await app.CreateUserAsync();
        var firstToTotal = await app.CreateUserAsync();
        // solver: 15 + 2 from asking?  No: the solver only answers. 15 points, 1 solution.
        await SolveAsync(solver, Vienna(2034, 4, 20));
        // kudosOnly: 10 + 5 (a kudos on an answer, then one on a question) = 15 points, 0 solutions.
        await KudosAsync(kudosOnly, Vienna(2034, 4, 2));
        app.Clock.Set(Vienna(2034, 4, 3));
        var ownQuestion = await app.AskAsync(kudosOnly, await app.HubAsync());
        var qid = await app.WithDbAsync(db => db.Posts.Where(p => p.ThreadId == ownQuestion.Id && p.IsQuestion).Select(p => p.Id).SingleAsync());
        await app.SendAsync(new GiveKudos.Command(new Actor((await app.CreateUserAsync()).Id, false), qid));
        // firstToTotal: 15 points and 1 solution like the solver, but reached earlier.
        await SolveAsync(firstToTotal, Vienna(2034, 4, 5));

        app.Clock.Set(Vienna(2034, 5, 2));
        Assert.Equal(firstToTotal.Id, (await ElectAsync(new Month(2034, 4)))[0].UserId);
    }

    [Fact]
    public async Task Staff_are_not_eligible_and_a_month_computed_late_is_still_awarded_once()
    {
        var moderator = await app.CreateUserAsync(role: Roles.Moderator);
        var customer = await app.CreateUserAsync();
        await SolveAsync(moderator, Vienna(2035, 1, 10));
        await SolveAsync(moderator, Vienna(2035, 1, 11));
        await SolveAsync(customer, Vienna(2035, 1, 12));

        // Nobody ran the election in February; in April the background check catches up.
        app.Clock.Set(Vienna(2035, 4, 15));
        var results = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<CommunityDb>();
            await using var tx = await db.Database.BeginTransactionAsync();
            var r = await sp.GetRequiredService<HeroElection>().ElectDueMonthsAsync(default);
            await tx.CommitAsync();
            return r;
        });
        Assert.Contains(results, r => r.Month == new Month(2035, 1) && r.HubId == 0 && r.UserId == customer.Id && r.AwardedNow);
        Assert.Single(await AwardsAsync(new Month(2035, 1)));
    }

    [Fact]
    public async Task The_admin_command_elects_a_month_and_explains_an_unfinished_one()
    {
        var hero = await app.CreateUserAsync();
        await SolveAsync(hero, Vienna(2036, 8, 8));
        app.Clock.Set(Vienna(2036, 8, 20));
        var output = new StringWriter();
        Assert.Equal(2, await AdminCommands.RunAsync(app.Services, ["elect-hero", "--month", "2036-08"], output));
        Assert.Contains("2036-08 is not over yet", output.ToString());

        app.Clock.Set(Vienna(2036, 9, 3));
        output = new StringWriter();
        Assert.Equal(0, await AdminCommands.RunAsync(app.Services, ["elect-hero", "--month", "2036-08"], output));
        Assert.Contains($"Hero of 2036-08: {hero.Name} (awarded now)", output.ToString());
    }
}
