using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Community.Domain.Moderation;
using Community.Domain.Reputation;
using Community.Tests.Support;
using Community.Web.Data;
using Community.Web.Features.Moderation;
using Community.Web.Features.Reputation;
using Community.Web.Features.Threads;
using Community.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Tests.Features;

/// <summary>Flags, the moderation queue, hide/spam/lock/move/suspend and the audit log, through the real pipeline.</summary>
public class ModerationTests(CommunityApp app) : IClassFixture<CommunityApp>
{
    private Task<int> ReputationOfAsync(TestUser u) => app.WithDbAsync(db => db.Users.Where(x => x.Id == u.Id).Select(x => x.Reputation).SingleAsync());

    /// <summary>A member with enough reputation for the flag privilege (50).</summary>
    private async Task<TestUser> MemberWithPointsAsync(int points)
    {
        var user = await app.CreateUserAsync();
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<CommunityDb>();
            await using var tx = await db.Database.BeginTransactionAsync();
            await sp.GetRequiredService<ReputationBook>().BookAsync(new Booking(user.Id, points, PointsReason.HeroOfTheMonth), DateTimeOffset.UtcNow, null, null, null, countInPeriods: false);
            await tx.CommitAsync();
            return 0;
        });
        return user;
    }

    private Task<int> QuestionIdAsync(int threadId) => app.WithDbAsync(db => db.Posts.Where(p => p.ThreadId == threadId && p.IsQuestion).Select(p => p.Id).SingleAsync());

    [Fact]
    public async Task A_flag_needs_the_privilege_and_a_reason_and_counts_once_per_member()
    {
        var thread = await app.AskAsync(await app.CreateUserAsync(), await app.HubAsync(), answers: 1);
        var answerId = thread.AnswerIds[0];

        var newcomer = await app.LoginAsync(await app.CreateUserAsync());
        var refused = await newcomer.PostFormAsync($"{thread.Url}?handler=Flag", new() { ["postId"] = $"{answerId}", ["reason"] = "Spam" }, thread.Url);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("flag posts", await refused.HtmlAsync());
        Assert.DoesNotContain("?handler=Flag", await (await newcomer.GetAsync(thread.Url)).HtmlAsync());

        var member = await MemberWithPointsAsync(60);
        var client = await app.LoginAsync(member);
        Assert.Contains("?handler=Flag", await (await client.GetAsync(thread.Url)).HtmlAsync());
        var noReason = await client.PostFormAsync($"{thread.Url}?handler=Flag", new() { ["postId"] = $"{answerId}" }, thread.Url);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        Assert.Contains("Choose why the post needs a moderator", await noReason.HtmlAsync());
        var otherWithoutNote = await client.PostFormAsync($"{thread.Url}?handler=Flag", new() { ["postId"] = $"{answerId}", ["reason"] = "Other" }, thread.Url);
        Assert.Contains("Tell the moderators what is wrong", await otherWithoutNote.HtmlAsync());

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            client.PostFormAsync($"{thread.Url}?handler=Flag", new() { ["postId"] = $"{answerId}", ["reason"] = "Spam", ["note"] = "buy cheap phones" }, thread.Url)));
        Assert.Single(results, r => r.StatusCode == HttpStatusCode.Redirect);
        Assert.Contains(results, r => r.StatusCode == HttpStatusCode.UnprocessableEntity);
        Assert.Equal(1, await app.WithDbAsync(db => db.Flags.CountAsync(f => f.PostId == answerId)));

        var own = await app.LoginAsync(await MemberWithPointsAsync(60));
        var asker = await app.AskAsync(await app.CreateUserAsync(), await app.HubAsync(), answers: 0);
        Assert.Equal(HttpStatusCode.NotFound, (await own.PostFormAsync($"{asker.Url}?handler=Flag", new() { ["postId"] = "999999", ["reason"] = "Spam" }, asker.Url)).StatusCode);
    }

    [Fact]
    public async Task Moderators_work_the_queue_hiding_removes_the_post_for_the_public_and_search_and_reverses_its_points()
    {
        var hub = await app.HubAsync();
        var author = await app.CreateUserAsync();
        var thread = await app.AskAsync(await app.CreateUserAsync(), hub, title: "Router blinkt rot nach Update", answers: 1, answerer: author);
        var answerId = thread.AnswerIds[0];
        await app.WithDbAsync(db => db.Posts.Where(p => p.Id == answerId).ExecuteUpdateAsync(s => s.SetProperty(p => p.BodyMarkdown, "x")));
        await app.SendAsync(new EditPost.Command(new Actor(author.Id, false), answerId, "Kauf billige Handys bei spamshop zyxwv"));
        await app.SendAsync(new GiveKudos.Command(new Actor((await app.CreateUserAsync()).Id, false), answerId));
        Assert.Equal(10, await ReputationOfAsync(author));
        var flagger = await MemberWithPointsAsync(60);
        await app.SendAsync(new FlagPost.Command(new Actor(flagger.Id, false), answerId, FlagReason.Spam, "advert"));

        var moderator = await app.LoginAsync(await app.CreateUserAsync(role: Roles.Moderator));
        var queue = await (await moderator.GetAsync("/moderation")).HtmlAsync();
        Assert.Contains($"data-post-id=\"{answerId}\"", queue);
        Assert.Contains("advert", queue);
        var removed = await moderator.PostFormAsync("/moderation?handler=Hide", new() { ["postId"] = $"{answerId}", ["reason"] = "advertising", ["spam"] = "true" }, "/moderation");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Contains("data-testid=\"queue-empty\"", await (await moderator.GetAsync("/moderation")).HtmlAsync());

        Assert.Equal(-50, await ReputationOfAsync(author));
        var visitor = app.Browser();
        var page = await (await visitor.GetAsync(thread.Url)).HtmlAsync();
        Assert.DoesNotContain("spamshop", page);
        Assert.DoesNotContain($"/t/{thread.Id}/", await (await visitor.GetAsync("/search?q=spamshop")).HtmlAsync());
        Assert.DoesNotContain("spamshop", await (await visitor.GetAsync("/api/v1/search?q=spamshop")).Content.ReadAsStringAsync());
        Assert.DoesNotContain("spamshop", await (await visitor.GetAsync($"/api/v1/threads/{thread.Id}")).Content.ReadAsStringAsync());
        var modView = await (await moderator.GetAsync(thread.Url)).HtmlAsync();
        Assert.Contains("spamshop", modView);
        Assert.Contains("data-testid=\"hidden-note\"", modView);

        var audit = await app.WithDbAsync(db => db.AuditLog.Where(a => a.PostId == answerId).ToListAsync());
        Assert.Equal((ModerationAction.MarkSpam, "advertising", author.Id), (audit.Single().Action, audit.Single().Reason, audit.Single().TargetUserId));
        Assert.Equal("spam", await app.WithDbAsync(db => db.Flags.Where(f => f.PostId == answerId).Select(f => f.Outcome).SingleAsync()));
        Assert.True(await app.WithDbAsync(db => db.Notifications.AnyAsync(n => n.UserId == author.Id && n.Text.Contains("removed your post as spam"))));
        var log = await (await moderator.GetAsync("/moderation/log")).HtmlAsync();
        Assert.Contains("removed a post as spam", log);
        Assert.DoesNotContain(">MarkSpam", log);
        Assert.Contains("advertising", log);

        // A mistake: restoring takes the penalty back and the kudos earn again.
        await moderator.PostFormAsync($"{thread.Url}?handler=Unhide", new() { ["postId"] = $"{answerId}", ["reason"] = "not spam after all" }, thread.Url);
        Assert.Equal(10, await ReputationOfAsync(author));
        Assert.Contains($"/t/{thread.Id}/", await (await visitor.GetAsync("/search?q=spamshop")).HtmlAsync());
        Assert.Equal(await ReputationOfAsync(author), await app.WithDbAsync(db => db.Ledger.Where(l => l.UserId == author.Id).SumAsync(l => l.Points)));
    }

    [Fact]
    public async Task Hiding_the_question_hides_the_thread_from_lists_pages_and_the_api_but_not_from_moderators()
    {
        var hub = await app.HubAsync();
        var thread = await app.AskAsync(await app.CreateUserAsync(), hub, title: "Offensive thread qwertzuiop");
        var moderator = await app.CreateUserAsync(role: Roles.Moderator);
        await app.SendAsync(new HidePost.Command(new Actor(moderator.Id, true), await QuestionIdAsync(thread.Id), "insults", false));

        var visitor = app.Browser();
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(thread.Url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/api/v1/threads/{thread.Id}")).StatusCode);
        Assert.DoesNotContain("qwertzuiop", await (await visitor.GetAsync($"/hubs/{hub.Slug}")).HtmlAsync());
        Assert.DoesNotContain("qwertzuiop", await (await visitor.GetAsync("/")).HtmlAsync());
        Assert.DoesNotContain($"/t/{thread.Id}/", await (await visitor.GetAsync("/search?q=qwertzuiop")).HtmlAsync());
        var member = await app.LoginAsync(await app.CreateUserAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync(thread.Url)).StatusCode);

        var mod = await app.LoginAsync(moderator);
        var modPage = await mod.GetAsync(thread.Url);
        var modHtml = await modPage.HtmlAsync();
        Assert.True(modHtml.Contains("qwertzuiop"), $"{(int)modPage.StatusCode} {modPage.Headers.Location} {modHtml[..Math.Min(modHtml.Length, 1500)]}");
    }

    [Fact]
    public async Task A_locked_thread_takes_no_answers_and_a_moved_thread_lives_in_its_new_hub()
    {
        var from = await app.HubAsync();
        var to = await app.HubAsync(name: "Internet & Router");
        var asker = await app.CreateUserAsync();
        var thread = await app.AskAsync(asker, from, title: "Moved and locked thread");
        var mod = await app.LoginAsync(await app.CreateUserAsync(role: Roles.Moderator));

        Assert.Equal(HttpStatusCode.Redirect, (await mod.PostFormAsync($"{thread.Url}?handler=Lock", new() { ["locked"] = "true", ["reason"] = "heated" }, thread.Url)).StatusCode);
        var member = await app.LoginAsync(await app.CreateUserAsync());
        var answer = await member.PostFormAsync($"{thread.Url}?handler=Answer", new() { ["AnswerBody"] = "late answer" }, thread.Url);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.StatusCode);
        Assert.Contains("locked", await answer.HtmlAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await mod.PostFormAsync($"{thread.Url}?handler=Move", new() { ["hubSlug"] = to.Slug, ["reason"] = "wrong hub" }, thread.Url)).StatusCode);
        Assert.Contains("Moved and locked thread", await (await app.Browser().GetAsync($"/hubs/{to.Slug}")).HtmlAsync());
        Assert.DoesNotContain("Moved and locked thread", await (await app.Browser().GetAsync($"/hubs/{from.Slug}")).HtmlAsync());
        var badMove = await mod.PostFormAsync($"{thread.Url}?handler=Move", new() { ["hubSlug"] = "no-such-hub" }, thread.Url);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badMove.StatusCode);
        Assert.Contains("That hub does not exist", await badMove.HtmlAsync());

        var actions = await app.WithDbAsync(db => db.AuditLog.Where(a => a.ThreadId == thread.Id).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal([ModerationAction.LockThread, ModerationAction.MoveThread], actions);
        Assert.Equal(2, await app.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == asker.Id && n.Kind == Community.Domain.Notifications.NotificationKind.Moderation)));
    }

    [Fact]
    public async Task A_moderators_edit_keeps_the_reason_in_the_history_and_the_audit_log()
    {
        var author = await app.CreateUserAsync();
        var thread = await app.AskAsync(await app.CreateUserAsync(), await app.HubAsync(), answers: 1, answerer: author);
        var modUser = await app.CreateUserAsync(role: Roles.Moderator);
        var mod = await app.LoginAsync(modUser);
        var edit = $"/posts/{thread.AnswerIds[0]}/edit";
        Assert.Contains("Reason for the edit", await (await mod.GetAsync(edit)).HtmlAsync());
        var saved = await mod.PostFormAsync(edit, new() { ["Body"] = "Answer without the phone number", ["Reason"] = "removed personal data" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var history = await (await app.Browser().GetAsync($"/posts/{thread.AnswerIds[0]}/history")).HtmlAsync();
        Assert.Contains("Reason: removed personal data", history);
        Assert.True(await app.WithDbAsync(db => db.AuditLog.AnyAsync(a => a.Action == ModerationAction.EditPost && a.PostId == thread.AnswerIds[0] && a.ActorId == modUser.Id)));
    }

    [Fact]
    public async Task A_suspended_member_cannot_log_in_or_use_a_token_until_the_suspension_is_lifted()
    {
        var member = await app.CreateUserAsync();
        var token = await app.CreateTokenAsync(member);
        var mod = await app.LoginAsync(await app.CreateUserAsync(role: Roles.Moderator));

        var noReason = await mod.PostFormAsync($"/u/{member.Name}?handler=Suspend", new() { ["SuspendDays"] = "7" }, $"/u/{member.Name}");
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Contains("Give a reason", await noReason.HtmlAsync());
        var tooLong = await mod.PostFormAsync($"/u/{member.Name}?handler=Suspend", new() { ["SuspendDays"] = "400", ["SuspendReason"] = "x" }, $"/u/{member.Name}");
        Assert.Contains("Suspend for 1 to 365 days", await tooLong.HtmlAsync());
        var typo = await mod.PostFormAsync($"/u/{member.Name}?handler=Suspend", new() { ["SuspendDays"] = "1o", ["SuspendReason"] = "x" }, $"/u/{member.Name}");
        Assert.Contains("Suspend for 1 to 365 days", await typo.HtmlAsync());
        Assert.Null(await app.WithDbAsync(db => db.Users.Where(u => u.Id == member.Id).Select(u => u.SuspendedUntil).SingleAsync()));

        Assert.Equal(HttpStatusCode.Redirect, (await mod.PostFormAsync($"/u/{member.Name}?handler=Suspend", new() { ["SuspendDays"] = "7", ["SuspendReason"] = "repeated insults" }, $"/u/{member.Name}")).StatusCode);
        var login = await app.Browser().PostFormAsync("/account/login", new() { ["Login"] = member.Name, ["Password"] = TestUser.Password });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, login.StatusCode);
        Assert.Contains("suspended by a moderator until", await login.HtmlAsync());
        Assert.DoesNotContain("repeated insults", await login.HtmlAsync());
        Assert.True(await app.WithDbAsync(db => db.Notifications.AnyAsync(n => n.UserId == member.Id && n.Text.Contains("Reason: repeated insults"))));

        // A password reset ends a lockout for failed attempts, not the suspension.
        var code = await app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<CommunityUser>>();
            return Community.Web.Features.Account.AccountMail.Encode(await users.GeneratePasswordResetTokenAsync((await users.FindByIdAsync(member.Id))!));
        });
        var reset = await app.Browser().PostFormAsync("/account/reset-password", new()
        {
            ["Email"] = $"{member.Name}@example.com", ["Code"] = code, ["Password"] = "BrandNew123", ["ConfirmPassword"] = "BrandNew123",
        }, formPage: $"/account/reset-password?email={member.Name}@example.com&code={code}");
        Assert.Contains("Your password has been changed", await reset.HtmlAsync());
        var afterReset = await app.Browser().PostFormAsync("/account/login", new() { ["Login"] = member.Name, ["Password"] = "BrandNew123" });
        Assert.Contains("suspended by a moderator until", await afterReset.HtmlAsync());
        var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.PostAsJsonAsync("/api/v1/threads", new { hub = "x", title = "t", body = "b" })).StatusCode);

        await mod.PostFormAsync($"/u/{member.Name}?handler=Suspend", new() { ["lift"] = "true", ["SuspendReason"] = "apologised" }, $"/u/{member.Name}");
        await app.LoginAsync(member, "BrandNew123");
        var actions = await app.WithDbAsync(db => db.AuditLog.Where(a => a.TargetUserId == member.Id).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal([ModerationAction.SuspendUser, ModerationAction.UnsuspendUser], actions);
    }

    [Fact]
    public async Task Hiding_after_a_move_takes_the_points_back_from_the_hub_that_got_them()
    {
        var from = await app.HubAsync();
        var to = await app.HubAsync();
        var author = await app.CreateUserAsync();
        var thread = await app.AskAsync(await app.CreateUserAsync(), from, answers: 1, answerer: author);
        await app.SendAsync(new GiveKudos.Command(new Actor((await app.CreateUserAsync()).Id, false), thread.AnswerIds[0]));
        var mod = new Actor((await app.CreateUserAsync(role: Roles.Moderator)).Id, true);
        await app.SendAsync(new MoveThread.Command(mod, thread.Id, to.Slug, "wrong hub"));
        await app.SendAsync(new HidePost.Command(mod, thread.AnswerIds[0], "rude", false));

        var totals = await app.WithDbAsync(db => db.ReputationTotals.Where(t => t.UserId == author.Id && (t.HubId == from.Id || t.HubId == to.Id))
            .Select(t => new { t.HubId, t.Points }).ToListAsync());
        Assert.All(totals, t => Assert.Equal(0, t.Points));
        Assert.Equal(0, await ReputationOfAsync(author));
    }

    [Fact]
    public async Task Hiding_the_only_answer_makes_the_thread_unanswered_again()
    {
        var thread = await app.AskAsync(await app.CreateUserAsync(), await app.HubAsync(), answers: 1);
        var mod = new Actor((await app.CreateUserAsync(role: Roles.Moderator)).Id, true);
        await app.SendAsync(new HidePost.Command(mod, thread.AnswerIds[0], "spam link", false));
        var state = await app.WithDbAsync(db => db.Threads.Where(t => t.Id == thread.Id).Select(t => new { t.FirstAnswerAt, t.AnswerCount }).SingleAsync());
        Assert.Equal((null, 0), (state.FirstAnswerAt, state.AnswerCount));
        await app.SendAsync(new UnhidePost.Command(mod, thread.AnswerIds[0], null));
        Assert.NotNull(await app.WithDbAsync(db => db.Threads.Where(t => t.Id == thread.Id).Select(t => t.FirstAnswerAt).SingleAsync()));
    }

    [Fact]
    public async Task A_moderator_must_give_a_reason_to_edit_someone_elses_post()
    {
        var thread = await app.AskAsync(await app.CreateUserAsync(), await app.HubAsync(), answers: 1);
        var mod = await app.LoginAsync(await app.CreateUserAsync(role: Roles.Moderator));
        var edit = $"/posts/{thread.AnswerIds[0]}/edit";
        var refused = await mod.PostFormAsync(edit, new() { ["Body"] = "Changed without saying why" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("Give a reason for editing", await refused.HtmlAsync());
        Assert.Equal("Answer number 1", await app.WithDbAsync(db => db.Posts.Where(p => p.Id == thread.AnswerIds[0]).Select(p => p.BodyMarkdown).SingleAsync()));
    }

    [Fact]
    public async Task Moderators_cannot_suspend_staff_or_themselves()
    {
        var modUser = await app.CreateUserAsync(role: Roles.Moderator);
        var other = await app.CreateUserAsync(role: Roles.Support);
        await Assert.ThrowsAsync<Community.Domain.ForbiddenException>(() => app.SendAsync(new SuspendUser.Command(new Actor(modUser.Id, true), other.Name, 3, "x")));
        await Assert.ThrowsAsync<Community.Domain.DomainException>(() => app.SendAsync(new SuspendUser.Command(new Actor(modUser.Id, true), modUser.Name, 3, "x")));
    }


    [Theory]
    [InlineData(null, "/account/login")]
    [InlineData("member", "/account/denied")]
    [InlineData(Roles.Support, "/account/denied")]
    [InlineData(Roles.Moderator, null)]
    [InlineData(Roles.Admin, null)]
    public async Task Only_moderators_and_admins_hide_lock_move_suspend_and_see_the_queue_and_log(string? role, string? refusedTo)
    {
        var hub = await app.HubAsync();
        var author = await app.CreateUserAsync();
        var thread = await app.AskAsync(author, hub, answers: 1);
        var client = role is null ? app.Browser() : await app.LoginAsync(await app.CreateUserAsync(role: role == "member" ? null : role));
        var formPage = role is null ? "/account/login" : thread.Url;

        var requests = new (string Url, Dictionary<string, string> Fields)[]
        {
            ($"{thread.Url}?handler=Hide", new() { ["postId"] = $"{thread.AnswerIds[0]}", ["reason"] = "r" }),
            ($"{thread.Url}?handler=Lock", new() { ["locked"] = "true" }),
            ($"{thread.Url}?handler=Move", new() { ["hubSlug"] = (await app.HubAsync()).Slug }),
            ($"/u/{author.Name}?handler=Suspend", new() { ["SuspendDays"] = "1", ["SuspendReason"] = "r" }),
        };
        foreach (var (url, fields) in requests)
        {
            var response = await client.PostFormAsync(url, fields, formPage);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var location = response.Headers.Location!.OriginalString;
            if (refusedTo is null) Assert.DoesNotContain("/account/", location);
            else Assert.Contains(refusedTo, location);
        }
        foreach (var page in new[] { "/moderation", "/moderation/log" })
        {
            var response = await client.GetAsync(page);
            if (refusedTo is null) Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            else Assert.Contains(refusedTo, response.Headers.Location!.OriginalString);
        }
        var changed = await app.WithDbAsync(db => db.AuditLog.CountAsync(a => a.ThreadId == thread.Id || a.TargetUserId == author.Id));
        Assert.Equal(refusedTo is null ? 4 : 0, changed);
    }
}
