using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Community.Domain.Following;
using Community.Domain.Notifications;
using Community.Tests.Support;
using Community.Web.Features.Threads;
using Community.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Community.Tests.Features;

/// <summary>Watching, muting and bookmarking, and who hears of a new post because of them; mentions notify once.</summary>
public class FollowingTests(CommunityApp app) : IClassFixture<CommunityApp>
{
    private Task<List<Notification>> NotificationsOf(TestUser user) =>
        app.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.UserId == user.Id).OrderBy(n => n.Id).ToListAsync());

    /// <summary>An answer, and a moment later (the fan-out worker) its thread's and hub's watchers told.</summary>
    private async Task<int> AnswerAsync(TestUser by, int threadId, string body = "Probier einen Neustart.")
    {
        var id = await app.SendAsync(new Answer.Command(new Actor(by.Id, false), threadId, body));
        await app.FanOutAsync();
        return id;
    }

    [Fact]
    public async Task Answering_watches_the_thread_so_the_answerer_hears_of_later_answers_grouped_in_one_entry()
    {
        var asker = await app.CreateUserAsync();
        var first = await app.CreateUserAsync();
        var second = await app.CreateUserAsync();
        var third = await app.CreateUserAsync();
        var thread = await app.AskAsync(asker, await app.HubAsync(), "Modem verliert Sync");
        await AnswerAsync(first, thread.Id);
        await AnswerAsync(second, thread.Id);
        await AnswerAsync(third, thread.Id);

        // (Badges for a first answer are notifications too; these are about the thread.)
        var entry = Assert.Single(await NotificationsOf(first), n => n.Kind == NotificationKind.WatchedReply);
        Assert.Equal(2, entry.GroupCount);
        Assert.Equal($"2 new answers in \"Modem verliert Sync\", the latest by {third.Name}.", entry.Text);
        Assert.Equal(third.Name, entry.ActorName);

        // The asker's answers are grouped too: one unread entry for three answers.
        var askers = Assert.Single(await NotificationsOf(asker), n => n.Url == thread.Url);
        Assert.Equal(NotificationKind.Answer, askers.Kind);
        Assert.Equal(3, askers.GroupCount);
        Assert.Equal($"3 new answers to your question \"Modem verliert Sync\", the latest by {third.Name}.", askers.Text);

        // Once read, the next answer starts a new entry.
        await app.WithDbAsync(db => db.Notifications.Where(n => n.Id == askers.Id).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, DateTimeOffset.UtcNow)));
        await AnswerAsync(first, thread.Id, "Noch etwas: Filter tauschen.");
        var afterRead = (await NotificationsOf(asker)).Where(n => n.Url == thread.Url).ToList();
        Assert.Equal(2, afterRead.Count);
        Assert.Equal($"{first.Name} answered your question \"Modem verliert Sync\".", afterRead[^1].Text);
    }

    [Fact]
    public async Task Reading_the_thread_reads_its_notifications_so_the_next_answer_is_a_new_entry_with_its_own_mail()
    {
        var asker = await app.CreateUserAsync();
        var thread = await app.AskAsync(asker, await app.HubAsync(), "Gelesen beim Öffnen");
        await AnswerAsync(await app.CreateUserAsync(), thread.Id);
        var client = await app.LoginAsync(asker);
        Assert.Contains("class=\"unread-count\">1<", await (await client.GetAsync("/")).HtmlAsync());
        // Opened from a mail's link (straight to the thread): its notification is read.
        Assert.DoesNotContain("unread-count", await (await client.GetAsync(thread.Url)).HtmlAsync());
        await AnswerAsync(await app.CreateUserAsync(), thread.Id, "Die zweite Antwort.");
        Assert.Equal(2, (await NotificationsOf(asker)).Count(n => n.Url == thread.Url));
        Assert.Equal(2, await app.WithDbAsync(db => db.OutgoingMails.CountAsync(m => m.UserId == asker.Id)));
    }

    [Fact]
    public async Task A_muted_thread_tells_nothing_not_even_the_asker_and_watching_tells_a_bystander()
    {
        var asker = await app.CreateUserAsync();
        var bystander = await app.CreateUserAsync();
        var thread = await app.AskAsync(asker, await app.HubAsync());
        var askerClient = await app.LoginAsync(asker);
        var bystanderClient = await app.LoginAsync(bystander);
        Assert.Equal(HttpStatusCode.Redirect, (await askerClient.PostFormAsync($"/t/{thread.Id}/{thread.Slug}?handler=Watch", new() { ["level"] = "muted" }, thread.Url)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await bystanderClient.PostFormAsync($"/t/{thread.Id}/{thread.Slug}?handler=Watch", new() { ["level"] = "watching" }, thread.Url)).StatusCode);

        var helper = await app.CreateUserAsync();
        await AnswerAsync(helper, thread.Id, $"Frag @{asker.Name} nach dem Modell.");
        Assert.Empty(await NotificationsOf(asker));
        var told = Assert.Single(await NotificationsOf(bystander));
        Assert.Equal(NotificationKind.WatchedReply, told.Kind);
        Assert.Equal($"{helper.Name} answered in \"{(await app.WithDbAsync(db => db.Threads.Where(t => t.Id == thread.Id).Select(t => t.Title).SingleAsync()))}\".", told.Text);

        // The page shows the choice; back to normal removes it.
        var page = await (await bystanderClient.GetAsync(thread.Url)).HtmlAsync();
        Assert.Contains("<option value=\"watching\" selected=\"selected\">", page);
        await bystanderClient.PostFormAsync($"/t/{thread.Id}/{thread.Slug}?handler=Watch", new() { ["level"] = "" }, thread.Url);
        Assert.Equal(WatchLevel.Normal, await app.WithDbAsync(db => db.ThreadWatches.Where(w => w.UserId == bystander.Id).Select(w => w.Level).SingleAsync()));
        // Normal sticks: answering later does not watch the thread again, so the next answer tells nothing.
        await AnswerAsync(bystander, thread.Id, "Meine eigene Antwort.");
        await AnswerAsync(await app.CreateUserAsync(), thread.Id, "Noch eine Antwort.");
        Assert.Single(await NotificationsOf(bystander), n => n.Kind == NotificationKind.WatchedReply);
    }

    [Fact]
    public async Task Watching_a_hub_tells_of_new_threads_and_answers_by_the_persons_choice_notify_digest_or_off()
    {
        var hub = await app.HubAsync();
        var notify = await app.CreateUserAsync();
        var digest = await app.CreateUserAsync();
        var off = await app.CreateUserAsync();
        foreach (var (user, choice) in new[] { (notify, WatchedHubPosts.Notify), (digest, WatchedHubPosts.Digest), (off, WatchedHubPosts.Off) })
        {
            await app.SendAsync<Mediator.Unit>(new Community.Web.Features.Following.Follow.WatchHub(new Actor(user.Id, false), hub.Slug, WatchLevel.Watching));
            await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.WatchedHubPosts, choice)));
        }
        var asker = await app.CreateUserAsync();
        var thread = await app.AskAsync(asker, hub, "Neue Frage im Hub");
        // The hub's followers are told after the post, by the fan-out worker.
        Assert.Empty(await NotificationsOf(notify));
        Assert.Equal(1, await app.FanOutAsync());
        await AnswerAsync(await app.CreateUserAsync(), thread.Id);
        await app.FanOutAsync();

        var n = await NotificationsOf(notify);
        Assert.Equal([NotificationKind.WatchedThread, NotificationKind.WatchedReply], n.Select(x => x.Kind));
        Assert.Equal($"{asker.Name} asked \"Neue Frage im Hub\" in {hub.Name}.", n[0].Text);
        Assert.All(n, x => Assert.False(x.Quiet));
        var d = await NotificationsOf(digest);
        Assert.Equal(2, d.Count);
        Assert.All(d, x => Assert.True(x.Quiet));
        Assert.Empty(await NotificationsOf(off));
        // Quiet ones wait for the digest: no mail at once (notify's went to the outbox).
        Assert.Equal(0, await app.WithDbAsync(db => db.OutgoingMails.CountAsync(m => m.UserId == digest.Id)));
        Assert.True(await app.WithDbAsync(db => db.OutgoingMails.AnyAsync(m => m.UserId == notify.Id)));
    }

    [Fact]
    public async Task A_mention_notifies_once_links_to_the_profile_and_never_the_author_a_hidden_post_or_a_locked_thread()
    {
        var asker = await app.CreateUserAsync();
        var expert = await app.CreateUserAsync();
        var writer = await app.CreateUserAsync();
        var thread = await app.AskAsync(asker, await app.HubAsync(), "Fritzbox Mesh");
        var answerId = await AnswerAsync(writer, thread.Id, $"@{expert.Name.ToUpperInvariant()} kennt sich aus. Ich bin @{writer.Name}. `@{asker.Name}` im Code zählt nicht. mail@{expert.Name}.at auch nicht, @niemand-hier gibt es nicht.");

        var mention = Assert.Single(await NotificationsOf(expert));
        Assert.Equal(NotificationKind.Mention, mention.Kind);
        Assert.Equal($"{writer.Name} mentioned you in \"Fritzbox Mesh\".", mention.Text);
        Assert.EndsWith($"#post-{answerId}", mention.Url);
        Assert.DoesNotContain(await NotificationsOf(writer), n => n.Kind == NotificationKind.Mention);
        // The asker heard of the answer, not of a mention inside code.
        Assert.Equal([NotificationKind.Answer], (await NotificationsOf(asker)).Select(n => n.Kind));

        var html = await (await app.Browser().GetAsync(thread.Url)).HtmlAsync();
        Assert.Contains($"<a class=\"mention\" href=\"/u/{expert.Name}\" rel=\"nofollow ugc noopener\">@{expert.Name}</a>", html);
        Assert.Contains("@niemand-hier", html);
        Assert.DoesNotContain("href=\"/u/niemand-hier\"", html);

        // An edit that keeps the mention tells nobody again; a new name is told.
        var newcomer = await app.CreateUserAsync();
        await app.SendAsync(new EditPost.Command(new Actor(writer.Id, false), answerId, $"@{expert.Name} kennt sich aus, @{newcomer.Name} auch."));
        Assert.Single(await NotificationsOf(expert));
        Assert.Single(await NotificationsOf(newcomer));

        // A locked thread tells nobody.
        var late = await app.CreateUserAsync();
        var moderator = await app.CreateUserAsync(role: Community.Web.Data.Roles.Moderator);
        await app.SendAsync<Mediator.Unit>(new Community.Web.Features.Moderation.LockThread.Command(new Actor(moderator.Id, true), thread.Id, true, "Erledigt"));
        await app.SendAsync(new EditPost.Command(new Actor(writer.Id, false), answerId, $"@{expert.Name} und @{late.Name}."));
        Assert.Empty(await NotificationsOf(late));
    }

    [Fact]
    public async Task A_muted_hub_silences_mentions_in_its_threads_unless_the_person_took_part()
    {
        var hub = await app.HubAsync();
        var quiet = await app.CreateUserAsync();
        await app.SendAsync<Mediator.Unit>(new Community.Web.Features.Following.Follow.WatchHub(new Actor(quiet.Id, false), hub.Slug, WatchLevel.Muted));
        var thread = await app.AskAsync(await app.CreateUserAsync(), hub);
        await AnswerAsync(await app.CreateUserAsync(), thread.Id, $"@{quiet.Name} weiß das vielleicht.");
        Assert.Empty(await NotificationsOf(quiet));
        // In a thread the person answered (their own choice for it), a mention reaches them despite the hub.
        await AnswerAsync(quiet, thread.Id, "Ich schau mal.");
        await AnswerAsync(await app.CreateUserAsync(), thread.Id, $"Danke @{quiet.Name}!");
        Assert.Contains(await NotificationsOf(quiet), n => n.Kind == NotificationKind.Mention);
    }

    [Fact]
    public async Task Deleting_the_account_removes_its_drafts_watches_bookmarks_and_picture()
    {
        var person = await app.CreateUserAsync();
        var thread = await app.AskAsync(await app.CreateUserAsync(), await app.HubAsync());
        var client = await app.LoginAsync(person);
        await client.SendFromPageAsync(HttpMethod.Put, $"/drafts/answer-{thread.Id}", await client.PageTokenAsync(thread.Url), JsonContent.Create(new { body = "Privater Entwurf" }));
        await app.SendAsync<Mediator.Unit>(new Community.Web.Features.Following.Follow.BookmarkThread(new Actor(person.Id, false), thread.Id, true));
        await AnswerAsync(person, thread.Id);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SetAvatarAsync(TestImages.Png(64, 64))).StatusCode);

        await app.SendAsync<Mediator.Unit>(new Community.Web.Features.Privacy.DeleteMyAccount.Command(person.Id, TestUser.Password));
        Assert.False(await app.WithDbAsync(db => db.Drafts.AnyAsync(d => d.UserId == person.Id)));
        Assert.False(await app.WithDbAsync(db => db.Bookmarks.AnyAsync(b => b.UserId == person.Id)));
        Assert.False(await app.WithDbAsync(db => db.ThreadWatches.AnyAsync(w => w.UserId == person.Id)));
        Assert.False(await app.WithDbAsync(db => db.Uploads.AnyAsync(u => u.UserId == person.Id)));
        var pseudonym = await app.WithDbAsync(db => db.Users.Where(u => u.Id == person.Id).Select(u => u.UserName!).SingleAsync());
        var face = await app.Browser().GetAsync($"/u/{pseudonym}/avatar");
        Assert.Equal("image/svg+xml", face.Content.Headers.ContentType!.MediaType);
        Assert.Contains(">?</text>", await face.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_mention_in_a_hidden_post_tells_nobody()
    {
        var writer = await app.CreateUserAsync();
        var expert = await app.CreateUserAsync();
        var moderator = await app.CreateUserAsync(role: Community.Web.Data.Roles.Moderator);
        var thread = await app.AskAsync(await app.CreateUserAsync(), await app.HubAsync());
        var answerId = await AnswerAsync(writer, thread.Id, "Erst ohne Namen.");
        await app.SendAsync<Mediator.Unit>(new Community.Web.Features.Moderation.HidePost.Command(new Actor(moderator.Id, true), answerId, "Werbung", false));
        await app.SendAsync(new EditPost.Command(new Actor(moderator.Id, true), answerId, $"Jetzt mit @{expert.Name}.", Reason: "Test"));
        Assert.Empty(await NotificationsOf(expert));
    }

    [Fact]
    public async Task Bookmarks_are_listed_newest_first_and_the_api_watches_and_bookmarks_with_a_token()
    {
        var reader = await app.CreateUserAsync();
        var hub = await app.HubAsync();
        var older = await app.AskAsync(await app.CreateUserAsync(), hub, "Älteres Lesezeichen");
        var newer = await app.AskAsync(await app.CreateUserAsync(), hub, "Neueres Lesezeichen");
        var client = await app.LoginAsync(reader);
        await client.PostFormAsync($"{older.Url}?handler=Bookmark", new() { ["bookmarked"] = "true" }, older.Url);
        await Task.Delay(5);
        var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.CreateTokenAsync(reader));
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync($"/api/v1/threads/{newer.Id}/bookmark", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync($"/api/v1/threads/{newer.Id}/bookmark", null)).StatusCode);

        var page = await (await client.GetAsync("/bookmarks")).HtmlAsync();
        Assert.True(page.IndexOf("Neueres Lesezeichen", StringComparison.Ordinal) < page.IndexOf("Älteres Lesezeichen", StringComparison.Ordinal));
        var list = JsonDocument.Parse(await api.GetStringAsync("/api/v1/bookmarks")).RootElement;
        Assert.Equal([newer.Id, older.Id], list.EnumerateArray().Select(e => e.GetProperty("id").GetInt32()));
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/threads/{older.Id}/bookmark")).StatusCode);
        Assert.DoesNotContain("Älteres Lesezeichen", await (await client.GetAsync("/bookmarks")).HtmlAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await app.Browser().GetAsync("/bookmarks")).StatusCode);

        // Watch by API: a thread, a hub (with a level), errors name the field, unknown ids are 404.
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsJsonAsync($"/api/v1/threads/{older.Id}/watch", new { level = "muted" })).StatusCode);
        Assert.Equal(WatchLevel.Muted, await app.WithDbAsync(db => db.ThreadWatches.Where(w => w.UserId == reader.Id && w.ThreadId == older.Id).Select(w => w.Level).SingleAsync()));
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync($"/api/v1/hubs/{hub.Slug}/watch", null)).StatusCode);
        Assert.True(await app.WithDbAsync(db => db.HubWatches.AnyAsync(w => w.UserId == reader.Id && w.HubId == hub.Id && w.Level == WatchLevel.Watching)));
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/hubs/{hub.Slug}/watch")).StatusCode);
        Assert.False(await app.WithDbAsync(db => db.HubWatches.AnyAsync(w => w.UserId == reader.Id)));
        var bad = await api.PostAsJsonAsync($"/api/v1/threads/{older.Id}/watch", new { level = "loud" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("level", await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsync("/api/v1/threads/999999/watch", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsync("/api/v1/hubs/no-such-hub/watch", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsync($"/api/v1/threads/{older.Id}/bookmark", null)).StatusCode);
    }

    [Fact]
    public async Task Two_bookmark_and_watch_requests_at_once_leave_one_row_each_and_no_error()
    {
        var reader = await app.CreateUserAsync();
        var thread = await app.AskAsync(await app.CreateUserAsync(), await app.HubAsync());
        var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.CreateTokenAsync(reader));
        var answers = await Task.WhenAll(
            api.PostAsync($"/api/v1/threads/{thread.Id}/bookmark", null), api.PostAsync($"/api/v1/threads/{thread.Id}/bookmark", null),
            api.PostAsync($"/api/v1/threads/{thread.Id}/watch", null), api.PostAsync($"/api/v1/threads/{thread.Id}/watch", null));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.NoContent, a.StatusCode));
        Assert.Equal(1, await app.WithDbAsync(db => db.Bookmarks.CountAsync(b => b.UserId == reader.Id)));
        Assert.Equal(1, await app.WithDbAsync(db => db.ThreadWatches.CountAsync(w => w.UserId == reader.Id)));
    }

    [Fact]
    public async Task The_notifications_api_names_the_new_kinds()
    {
        var expert = await app.CreateUserAsync();
        var thread = await app.AskAsync(await app.CreateUserAsync(), await app.HubAsync());
        await AnswerAsync(await app.CreateUserAsync(), thread.Id, $"@{expert.Name} weiß das.");
        var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.CreateTokenAsync(expert));
        var item = Assert.Single(JsonDocument.Parse(await api.GetStringAsync("/api/v1/notifications")).RootElement.EnumerateArray());
        Assert.Equal("mention", item.GetProperty("kind").GetString());
        Assert.False(item.GetProperty("read").GetBoolean());
        Assert.NotNull(item.GetProperty("actor").GetString());
    }
}

/// <summary>An answer costs as much with two hub watchers as with twenty: they are told after it, in steps.</summary>
public class FanOutQueryTests(CountingCommunityApp app) : IClassFixture<CountingCommunityApp>
{
    private async Task<int> QueriesToAnswerWithWatchersAsync(int watchers)
    {
        var hub = await app.HubAsync();
        for (var i = 0; i < watchers; i++)
        {
            var fan = await app.CreateUserAsync();
            await app.SendAsync<Mediator.Unit>(new Community.Web.Features.Following.Follow.WatchHub(new Actor(fan.Id, false), hub.Slug, WatchLevel.Watching));
        }
        var thread = await app.AskAsync(await app.CreateUserAsync(), hub);
        var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.CreateTokenAsync(await app.CreateUserAsync()));
        // A first answer leaves an unread entry for everyone, so the measured one groups into it (the costlier path).
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync($"/api/v1/threads/{thread.Id}/posts", new { body = "Erste Antwort für alle." })).StatusCode);
        await app.FanOutAsync();
        app.Queries.Reset();
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync($"/api/v1/threads/{thread.Id}/posts", new { body = "Zweite Antwort für alle." })).StatusCode);
        var count = app.Queries.Reads;
        Assert.Equal(1, await app.FanOutAsync());
        Assert.Equal(watchers, await app.WithDbAsync(db => db.Notifications.CountAsync(n => n.Url == Urls.Thread(thread.Id, thread.Slug) && n.Kind == NotificationKind.WatchedReply && n.GroupCount == 2)));
        return count;
    }

    [Fact]
    public async Task An_answer_in_a_hub_with_twenty_watchers_reads_as_much_as_with_two()
    {
        var few = await QueriesToAnswerWithWatchersAsync(2);
        Assert.Equal(few, await QueriesToAnswerWithWatchersAsync(20));
    }
}
