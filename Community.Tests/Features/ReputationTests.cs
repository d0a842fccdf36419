using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Community.Domain.Reputation;
using Community.Tests.Support;
using Community.Web.Data;
using Community.Web.Features.Reputation;
using Community.Web.Features.Threads;
using Community.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Tests.Features;

public class ReputationTests(CommunityApp app) : IClassFixture<CommunityApp>
{
    private Task<int> ReputationOfAsync(TestUser u) => app.WithDbAsync(db => db.Users.Where(x => x.Id == u.Id).Select(x => x.Reputation).SingleAsync());

    private Task<int> LedgerSumAsync(TestUser u) => app.WithDbAsync(db => db.Ledger.Where(l => l.UserId == u.Id).SumAsync(l => l.Points));

    private Task GiveAsync(TestUser voter, int postId) => app.SendAsync(new GiveKudos.Command(new Actor(voter.Id, false), postId));

    private Task WithdrawAsync(TestUser voter, int postId) => app.SendAsync(new WithdrawKudos.Command(new Actor(voter.Id, false), postId));

    /// <summary>Gives a user reputation as a ledger row, the only way reputation changes.</summary>
    private Task GrantAsync(TestUser u, int points) => app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<CommunityDb>();
        await using var tx = await db.Database.BeginTransactionAsync();
        await sp.GetRequiredService<ReputationBook>().BookAsync(new Booking(u.Id, points, PointsReason.HeroOfTheMonth), DateTimeOffset.UtcNow, null, null, null, countInPeriods: false);
        await tx.CommitAsync();
        return 0;
    });

    [Fact]
    public async Task Kudos_earn_10_on_answers_and_5_on_questions_and_withdrawing_reverses_them_with_a_new_row()
    {
        var asker = await app.CreateUserAsync();
        var helper = await app.CreateUserAsync();
        var thread = await app.AskAsync(asker, await app.HubAsync(), answers: 1, answerer: helper);
        var questionId = await app.WithDbAsync(db => db.Posts.Where(p => p.ThreadId == thread.Id && p.IsQuestion).Select(p => p.Id).SingleAsync());
        var voter = await app.CreateUserAsync();

        await GiveAsync(voter, thread.AnswerIds[0]);
        await GiveAsync(voter, questionId);
        Assert.Equal(10, await ReputationOfAsync(helper));
        Assert.Equal(5, await ReputationOfAsync(asker));

        await WithdrawAsync(voter, thread.AnswerIds[0]);
        await WithdrawAsync(voter, thread.AnswerIds[0]);
        Assert.Equal(0, await ReputationOfAsync(helper));
        var rows = await app.WithDbAsync(db => db.Ledger.Where(l => l.UserId == helper.Id).OrderBy(l => l.Id).Select(l => new { l.Points, l.Reason }).ToListAsync());
        Assert.Equal([(10, PointsReason.KudosReceived), (-10, PointsReason.KudosWithdrawn)], rows.Select(r => (r.Points, r.Reason)));

        var html = await (await app.Browser().GetAsync($"/u/{asker.Name}")).HtmlAsync();
        Assert.Contains("data-testid=\"reputation\">5<", html);
        Assert.Contains("data-testid=\"rank\">Newcomer<", html);
    }

    [Fact]
    public async Task Kudos_points_are_capped_at_200_a_day_but_solutions_are_not()
    {
        var asker = await app.CreateUserAsync();
        var helper = await app.CreateUserAsync();
        var thread = await app.AskAsync(asker, await app.HubAsync(), answers: 1, answerer: helper);
        for (var i = 0; i < 22; i++) await GiveAsync(await app.CreateUserAsync(), thread.AnswerIds[0]);
        Assert.Equal(200, await ReputationOfAsync(helper));
        Assert.Equal(22, await app.WithDbAsync(db => db.Posts.Where(p => p.Id == thread.AnswerIds[0]).Select(p => p.KudosCount).SingleAsync()));

        await app.SendAsync(new MarkSolution.Command(new Actor(asker.Id, false), thread.Id, thread.AnswerIds[0]));
        Assert.Equal(215, await ReputationOfAsync(helper));
        Assert.Equal(2, await ReputationOfAsync(asker));
    }

    [Fact]
    public async Task Serial_voting_earns_nothing_beyond_the_limit_and_is_reported_to_moderators()
    {
        var helper = await app.CreateUserAsync();
        var fan = await app.CreateUserAsync();
        var hub = await app.HubAsync();
        var answers = new List<int>();
        for (var i = 0; i < 7; i++) answers.AddRange((await app.AskAsync(await app.CreateUserAsync(), hub, answers: 1, answerer: helper)).AnswerIds);
        foreach (var a in answers) await GiveAsync(fan, a);

        Assert.Equal(50, await ReputationOfAsync(helper));
        var moderator = await app.LoginAsync(await app.CreateUserAsync(role: Roles.Moderator));
        var alerts = await (await moderator.GetAsync("/moderation/alerts")).HtmlAsync();
        Assert.Contains($"{fan.Name} gave {helper.Name} 7 kudos within 24 hours", alerts);

        var customer = await app.LoginAsync(await app.CreateUserAsync());
        var refused = await customer.GetAsync("/moderation/alerts");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/account/denied", refused.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Changing_and_removing_the_solution_moves_and_reverses_its_points()
    {
        var asker = await app.CreateUserAsync();
        var first = await app.CreateUserAsync();
        var second = await app.CreateUserAsync();
        var hub = await app.HubAsync();
        var thread = await app.AskAsync(asker, hub);
        var a1 = await app.SendAsync(new Answer.Command(new Actor(first.Id, false), thread.Id, "one"));
        var a2 = await app.SendAsync(new Answer.Command(new Actor(second.Id, false), thread.Id, "two"));
        var asAsker = new Actor(asker.Id, false);

        await app.SendAsync(new MarkSolution.Command(asAsker, thread.Id, a1));
        Assert.Equal((15, 0, 2), (await ReputationOfAsync(first), await ReputationOfAsync(second), await ReputationOfAsync(asker)));
        await app.SendAsync(new MarkSolution.Command(asAsker, thread.Id, a2));
        Assert.Equal((0, 15, 2), (await ReputationOfAsync(first), await ReputationOfAsync(second), await ReputationOfAsync(asker)));
        await app.SendAsync(new MarkSolution.Command(asAsker, thread.Id, null));
        Assert.Equal((0, 0, 0), (await ReputationOfAsync(first), await ReputationOfAsync(second), await ReputationOfAsync(asker)));
        var solutions = await app.WithDbAsync(db => db.ReputationTotals.Where(t => t.HubId == hub.Id && (t.UserId == first.Id || t.UserId == second.Id)).SumAsync(t => t.Solutions));
        Assert.Equal(0, solutions);
    }

    [Fact]
    public async Task Points_roll_up_the_hub_tree_to_the_leaderboards()
    {
        var smartphones = await app.HubAsync(name: "Smartphones");
        var (apple, iphone) = await app.WithDbAsync(async db =>
        {
            var a = new Community.Domain.Threads.Hub { Slug = "apple-" + Guid.NewGuid().ToString("N")[..6], Name = "Apple", ParentId = smartphones.Id };
            db.Hubs.Add(a);
            await db.SaveChangesAsync();
            var i = new Community.Domain.Threads.Hub { Slug = "iphone-" + Guid.NewGuid().ToString("N")[..6], Name = "iPhone 16", ParentId = a.Id };
            db.Hubs.Add(i);
            await db.SaveChangesAsync();
            return (a, i);
        });
        var asker = await app.CreateUserAsync();
        var helper = await app.CreateUserAsync();
        var thread = await app.AskAsync(asker, iphone, answers: 1, answerer: helper);
        await app.SendAsync(new MarkSolution.Command(new Actor(asker.Id, false), thread.Id, thread.AnswerIds[0]));

        foreach (var slug in new[] { iphone.Slug, apple.Slug, smartphones.Slug })
        {
            var board = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/leaderboard?hub={slug}&period=30d");
            var top = board.EnumerateArray().First();
            Assert.Equal(helper.Name, top.GetProperty("name").GetString());
            Assert.Equal(15, top.GetProperty("points").GetInt32());
            Assert.Equal(100, top.GetProperty("answerRatePercent").GetInt32());
        }
        var page = await (await app.Browser().GetAsync($"/hubs/{smartphones.Slug}")).HtmlAsync();
        Assert.Contains("Find an expert", page);
        Assert.Contains($">{helper.Name}</a>", page);
        Assert.Contains(helper.Name, await (await app.Browser().GetAsync($"/leaderboard/{apple.Slug}?period=all")).HtmlAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync("/leaderboard/no-such-hub")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync("/api/v1/leaderboard?hub=no-such-hub")).StatusCode);
    }

    [Fact]
    public async Task A_signed_in_readers_leaderboard_shows_the_next_solution_at_once_and_drops_a_deleted_account()
    {
        var hub = await app.HubAsync();
        var asker = await app.CreateUserAsync();
        var (first, second) = (await app.CreateUserAsync(), await app.CreateUserAsync());
        var reader = await app.LoginAsync(await app.CreateUserAsync());
        async Task<string> Board() => await (await reader.GetAsync($"/leaderboard/{hub.Slug}?period=30d")).HtmlAsync();

        var one = await app.AskAsync(asker, hub, answers: 1, answerer: second);
        await app.SendAsync(new MarkSolution.Command(new Actor(asker.Id, false), one.Id, one.AnswerIds[0]));
        Assert.Contains(second.Name, await Board());
        Assert.DoesNotContain(first.Name, await Board());

        // The remembered list is forgotten when the next command commits.
        foreach (var _ in Enumerable.Range(0, 2))
        {
            var t = await app.AskAsync(asker, hub, answers: 1, answerer: first);
            await app.SendAsync(new MarkSolution.Command(new Actor(asker.Id, false), t.Id, t.AnswerIds[0]));
        }
        Assert.Contains(first.Name, await Board());

        // The top of the list deleted: the next one moves up even when only one place is asked for.
        await app.SendAsync(new Community.Web.Features.Privacy.DeleteMyAccount.Command(first.Id, TestUser.Password));
        Assert.DoesNotContain(first.Name, await Board());
        var top = await app.WithScopeAsync(sp => Leaderboard.TopAsync(sp.GetRequiredService<CommunityDb>(), sp.GetRequiredService<CommunityCalendar>(),
            DateTimeOffset.UtcNow, hub.Id, Period.Days30, 1, default));
        Assert.Equal(second.Name, Assert.Single(top).Name);
    }

    [Fact]
    public async Task Editing_others_posts_needs_1000_reputation_and_is_lost_when_dropping_below()
    {
        var author = await app.CreateUserAsync();
        var thread = await app.AskAsync(await app.CreateUserAsync(), await app.HubAsync(), answers: 1, answerer: author);
        var editor = await app.CreateUserAsync();
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.CreateTokenAsync(editor));

        await GrantAsync(editor, 999);
        var refused = await client.PutAsJsonAsync($"/api/v1/posts/{thread.AnswerIds[0]}", new { body = "improved" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("You need 1000 reputation", await refused.Content.ReadAsStringAsync());

        await GrantAsync(editor, 1);
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/v1/posts/{thread.AnswerIds[0]}", new { body = "improved" })).StatusCode);
        var browser = await app.LoginAsync(editor);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/posts/{thread.AnswerIds[0]}/edit")).StatusCode);

        await GrantAsync(editor, -1);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsJsonAsync($"/api/v1/posts/{thread.AnswerIds[0]}", new { body = "again" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync($"/posts/{thread.AnswerIds[0]}/edit")).StatusCode);
    }

    [Fact]
    public async Task Badges_for_the_first_answer_and_solution_arrive_as_notifications()
    {
        var asker = await app.CreateUserAsync();
        var helper = await app.CreateUserAsync();
        var thread = await app.AskAsync(asker, await app.HubAsync(), answers: 1, answerer: helper);
        await app.AskAsync(asker, await app.HubAsync(), answers: 1, answerer: helper);
        await app.SendAsync(new MarkSolution.Command(new Actor(asker.Id, false), thread.Id, thread.AnswerIds[0]));

        var badges = await app.WithDbAsync(db => db.UserBadges.Where(b => b.UserId == helper.Id).Select(b => b.Badge).OrderBy(b => b).ToListAsync());
        Assert.Equal(["first-answer", "first-solution"], badges);

        var client = await app.LoginAsync(helper);
        var home = await (await client.GetAsync("/")).HtmlAsync();
        // Two badges and "your answer was marked as the solution".
        Assert.Contains("<span class=\"unread-count\">3</span>", home);
        var list = await (await client.GetAsync("/notifications")).HtmlAsync();
        Assert.Contains("was marked as the solution", list);
        Assert.Contains("You earned the badge &quot;First answer&quot;", list);
        Assert.Contains("You earned the badge &quot;First solution&quot;", list);
        await client.PostFormAsync("/notifications?handler=MarkAllRead", [], formPage: "/notifications");
        Assert.DoesNotContain("unread-count", await (await client.GetAsync("/")).HtmlAsync());

        var profile = await (await app.Browser().GetAsync($"/u/{helper.Name}")).HtmlAsync();
        Assert.Contains("First solution", profile);
    }

    [Fact]
    public async Task The_total_always_equals_the_sum_of_the_ledger_after_random_actions()
    {
        var random = new Random(1501);
        var hub = await app.HubAsync();
        var people = new List<TestUser>();
        for (var i = 0; i < 6; i++) people.Add(await app.CreateUserAsync());
        var threads = new List<Given.AskedThread>();
        for (var i = 0; i < 4; i++) threads.Add(await app.AskAsync(people[i], hub));
        var answers = new List<(int Thread, int Post, TestUser Author)>();
        foreach (var t in threads)
            for (var i = 0; i < 3; i++)
            {
                var author = people[random.Next(people.Count)];
                answers.Add((t.Id, await app.SendAsync(new Answer.Command(new Actor(author.Id, false), t.Id, "answer")), author));
            }
        var askers = threads.ToDictionary(t => t.Id, t => people[threads.IndexOf(t)]);

        for (var step = 0; step < 120; step++)
        {
            var (threadId, postId, author) = answers[random.Next(answers.Count)];
            var someone = people[random.Next(people.Count)];
            try
            {
                switch (random.Next(4))
                {
                    case 0: if (someone != author) await GiveAsync(someone, postId); break;
                    case 1: await WithdrawAsync(someone, postId); break;
                    case 2: await app.SendAsync(new MarkSolution.Command(new Actor(askers[threadId].Id, false), threadId, postId)); break;
                    default: await app.SendAsync(new MarkSolution.Command(new Actor(askers[threadId].Id, false), threadId, null)); break;
                }
            }
            catch (Community.Domain.DomainException)
            {
                // e.g. accepting the question's own asker's answer is fine; refusals are part of the sequence
            }
        }

        foreach (var p in people)
        {
            var total = await ReputationOfAsync(p);
            Assert.Equal(await LedgerSumAsync(p), total);
            var aggregate = await app.WithDbAsync(db => db.ReputationTotals.Where(t => t.UserId == p.Id && t.HubId == 0).Select(t => t.Points).FirstOrDefaultAsync());
            Assert.Equal(total, aggregate);
            var daily = await app.WithDbAsync(db => db.ReputationDaily.Where(t => t.UserId == p.Id && t.HubId == hub.Id).SumAsync(t => t.Points));
            Assert.Equal(total, daily);
        }
        Assert.True(await app.WithDbAsync(db => db.Ledger.CountAsync(l => l.HubId == hub.Id)) > 20, "the sequence booked and reversed points");
    }
}

public class AccountAgeTests(YoungAccountsApp app) : IClassFixture<YoungAccountsApp>
{
    [Fact]
    public async Task A_new_accounts_kudos_click_keeps_the_thread_and_says_next_to_the_post_how_long_to_wait()
    {
        var thread = await app.AskAsync(await app.CreateUserAsync(), await app.HubAsync(), "Akku hält nicht", answers: 1);
        var client = await app.LoginAsync(await app.CreateUserAsync());

        var response = await client.PostFormAsync($"{thread.Url}?handler=Kudos", new() { ["postId"] = thread.AnswerIds[0].ToString(), ["withdraw"] = "false" }, formPage: thread.Url);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var html = await response.HtmlAsync();
        Assert.Contains("Akku hält nicht", html);
        var post = html[html.IndexOf($"id=\"post-{thread.AnswerIds[0]}\"", StringComparison.Ordinal)..];
        Assert.Matches("data-testid=\"refusal\">New accounts can give kudos 60 minutes after registering – (60|59) minutes left.</p>", post);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "data-testid=\"refusal\""));
        Assert.Equal(0, await app.WithDbAsync(db => db.Kudos.CountAsync(k => k.PostId == thread.AnswerIds[0])));
    }

    [Fact]
    public async Task An_account_younger_than_the_configured_age_cannot_give_kudos()
    {
        var thread = await app.AskAsync(await app.CreateUserAsync(), await app.HubAsync(), answers: 1);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.CreateTokenAsync(await app.CreateUserAsync()));
        var response = await client.PostAsync($"/api/v1/posts/{thread.AnswerIds[0]}/kudos", null);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("New accounts can give kudos 60 minutes after registering", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await app.WithDbAsync(db => db.Kudos.CountAsync()));

        var moderator = app.CreateClient();
        moderator.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.CreateTokenAsync(await app.CreateUserAsync(role: Roles.Moderator)));
        Assert.Equal(HttpStatusCode.OK, (await moderator.PostAsync($"/api/v1/posts/{thread.AnswerIds[0]}/kudos", null)).StatusCode);
    }
}
