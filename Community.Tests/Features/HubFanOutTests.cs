using Community.Domain.Following;
using Community.Domain.Notifications;
using Community.Tests.Support;
using Community.Web.Features.Following;
using Community.Web.Features.Moderation;
using Community.Web.Features.Threads;
using Community.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Community.Tests.Features;

/// <summary>A community that tells hub followers three at a time, so a handful of followers takes several steps.</summary>
public class SmallFanOutStepsApp : CommunityApp
{
    public SmallFanOutStepsApp() { }

    /// <summary>A second instance on the first one's database.</summary>
    protected SmallFanOutStepsApp(SmallFanOutStepsApp first) : base(first) { }

    public static SmallFanOutStepsApp SecondInstance(SmallFanOutStepsApp first) => new SecondFanOutInstance(first) { DeleteFilesOnDispose = false };

    private sealed class SecondFanOutInstance(SmallFanOutStepsApp first) : SmallFanOutStepsApp(first);

    public bool InBackground { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Following:FanOutPerStep", "3");
        builder.UseSetting("Following:FanOutInBackground", InBackground ? "true" : "false");
        builder.UseSetting("Following:FanOutPollSeconds", "3600");
    }
}

/// <summary>
/// Hub followers are told after the post, a few per step: each exactly once and as they chose, also when two
/// instances work at the same time; a post hidden meanwhile tells nobody; the worker does it by itself.
/// </summary>
public class HubFanOutTests(SmallFanOutStepsApp app) : IClassFixture<SmallFanOutStepsApp>
{
    /// <summary>What the person was told of posts (a first answer's badge is beside the point here).</summary>
    private Task<List<Notification>> NotificationsOf(CommunityApp on, TestUser user) =>
        on.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.UserId == user.Id && n.Kind != NotificationKind.Badge).OrderBy(n => n.Id).ToListAsync());

    private static async Task<List<TestUser>> FollowersAsync(CommunityApp on, Community.Domain.Threads.Hub hub, int count, WatchedHubPosts posts = WatchedHubPosts.Notify)
    {
        var people = new List<TestUser>();
        for (var i = 0; i < count; i++)
        {
            var fan = await on.CreateUserAsync();
            await on.SendAsync<Mediator.Unit>(new Follow.WatchHub(new Actor(fan.Id, false), hub.Slug, WatchLevel.Watching));
            if (posts != WatchedHubPosts.Notify) await on.SendAsync<Mediator.Unit>(new WatchedHubsChoice.Command(new Actor(fan.Id, false), posts));
            people.Add(fan);
        }
        return people;
    }

    [Fact]
    public async Task Every_follower_is_told_once_as_they_chose_however_many_steps_it_takes()
    {
        var hub = await app.HubAsync();
        var plain = await FollowersAsync(app, hub, 5);
        var digest = (await FollowersAsync(app, hub, 1, WatchedHubPosts.Digest))[0];
        var off = (await FollowersAsync(app, hub, 1, WatchedHubPosts.Off))[0];
        var asker = (await FollowersAsync(app, hub, 1))[0];
        var answerer = (await FollowersAsync(app, hub, 1))[0];
        var thread = await app.AskAsync(asker, hub, "Roaming in der Schweiz");
        Assert.Equal(4, await app.FanOutAsync());

        // One muted the thread, one is mentioned in the answer.
        var muting = plain[0];
        var mentioned = plain[1];
        await app.SendAsync<Mediator.Unit>(new Follow.WatchThread(new Actor(muting.Id, false), thread.Id, WatchLevel.Muted));
        await app.SendAsync(new Answer.Command(new Actor(answerer.Id, false), thread.Id, $"@{mentioned.Name} kennt das."));
        Assert.Equal(4, await app.FanOutAsync());
        Assert.Equal(0, await app.FanOutAsync());

        foreach (var fan in plain.Skip(2))
            Assert.Equal([NotificationKind.WatchedThread, NotificationKind.WatchedReply], (await NotificationsOf(app, fan)).Select(n => n.Kind));
        var told = (await NotificationsOf(app, plain[2]))[0];
        Assert.Equal($"{asker.Name} asked \"Roaming in der Schweiz\" in {hub.Name}.", told.Text);
        Assert.Equal(asker.Name, told.ActorName);
        Assert.Equal([NotificationKind.WatchedThread], (await NotificationsOf(app, muting)).Select(n => n.Kind));
        Assert.Equal([NotificationKind.WatchedThread, NotificationKind.Mention], (await NotificationsOf(app, mentioned)).Select(n => n.Kind));
        Assert.All(await NotificationsOf(app, digest), n => Assert.True(n.Quiet));
        Assert.Equal(2, (await NotificationsOf(app, digest)).Count);
        Assert.Empty(await NotificationsOf(app, off));
        Assert.Equal([NotificationKind.Answer], (await NotificationsOf(app, asker)).Select(n => n.Kind));
        Assert.Equal([NotificationKind.WatchedThread], (await NotificationsOf(app, answerer)).Select(n => n.Kind));
        Assert.False(await app.WithDbAsync(db => db.PostFanOuts.AnyAsync()));
    }

    [Fact]
    public async Task A_busy_threads_watchers_are_told_after_the_answer_in_steps_and_grouped()
    {
        var asker = await app.CreateUserAsync();
        var thread = await app.AskAsync(asker, await app.HubAsync(), "Viele Mitleser");
        var helpers = new List<TestUser>();
        for (var i = 0; i < 7; i++)
        {
            helpers.Add(await app.CreateUserAsync());
            await app.SendAsync(new Answer.Command(new Actor(helpers[^1].Id, false), thread.Id, $"Antwort {i}"));
        }
        await app.FanOutAsync();
        var last = await app.CreateUserAsync();
        await app.SendAsync(new Answer.Command(new Actor(last.Id, false), thread.Id, "Noch eine"));
        // The asker is told with the answer; the seven who answered (and so watch) a moment after it, three per step
        // (nine watch, with the asker and the writer, who are passed over: four steps, the last finding nobody more).
        Assert.Equal(NotificationKind.Answer, Assert.Single(await NotificationsOf(app, asker)).Kind);
        var before = (await NotificationsOf(app, helpers[0])).Single(n => n.Kind == NotificationKind.WatchedReply);
        Assert.Equal(4, await app.FanOutAsync());
        foreach (var helper in helpers.Take(6))
            Assert.Contains(last.Name, Assert.Single(await NotificationsOf(app, helper), n => n.Kind == NotificationKind.WatchedReply).Text);
        Assert.Equal(7, (await NotificationsOf(app, helpers[0])).Single(n => n.Kind == NotificationKind.WatchedReply).GroupCount);
        Assert.Equal(before.Id, (await NotificationsOf(app, helpers[0])).Single(n => n.Kind == NotificationKind.WatchedReply).Id);
        Assert.Empty(await NotificationsOf(app, last));
    }

    [Fact]
    public async Task A_post_hidden_before_its_followers_were_told_tells_nobody()
    {
        var hub = await app.HubAsync();
        var fans = await FollowersAsync(app, hub, 2);
        var thread = await app.AskAsync(await app.CreateUserAsync(), hub, answers: 1);
        var moderator = await app.CreateUserAsync(role: Community.Web.Data.Roles.Moderator);
        await app.SendAsync(new HidePost.Command(new Actor(moderator.Id, true), thread.AnswerIds[0], "Werbung", true));
        await app.FanOutAsync();
        foreach (var fan in fans) Assert.Equal([NotificationKind.WatchedThread], (await NotificationsOf(app, fan)).Select(n => n.Kind));
    }

    [Fact]
    public async Task A_thread_hidden_or_moved_before_its_followers_were_told()
    {
        var hub = await app.HubAsync();
        var fans = await FollowersAsync(app, hub, 4);
        var moderator = new Actor((await app.CreateUserAsync(role: Community.Web.Data.Roles.Moderator)).Id, true);
        // Hidden (its question removed): nobody is told of it.
        var hidden = await app.AskAsync(await app.CreateUserAsync(), hub, "Wird gleich versteckt");
        await app.SendAsync(new HidePost.Command(moderator, await app.WithDbAsync(db => db.Posts.Where(p => p.ThreadId == hidden.Id && p.IsQuestion).Select(p => p.Id).SingleAsync()), "Spam", true));
        // Moved to another hub: the hub it was asked in is told, the new one's followers are not.
        var other = await app.HubAsync();
        var otherFan = (await FollowersAsync(app, other, 1))[0];
        var moved = await app.AskAsync(await app.CreateUserAsync(), hub, "Wird verschoben");
        await app.SendAsync<Mediator.Unit>(new MoveThread.Command(moderator, moved.Id, other.Slug, "Passt besser"));
        await app.FanOutAsync();
        foreach (var fan in fans)
            Assert.Contains("Wird verschoben", Assert.Single(await NotificationsOf(app, fan)).Text);
        Assert.Empty(await NotificationsOf(app, otherFan));
    }

    [Fact]
    public async Task Two_instances_working_at_once_tell_each_follower_once()
    {
        var hub = await app.HubAsync();
        var fans = await FollowersAsync(app, hub, 10);
        await app.AskAsync(await app.CreateUserAsync(), hub);
        using var second = SmallFanOutStepsApp.SecondInstance(app);
        // Steps of three, taken by whichever instance has the write turn.
        await Task.WhenAll(app.FanOutAsync(), second.FanOutAsync());
        foreach (var fan in fans) Assert.Single(await NotificationsOf(app, fan));
        Assert.False(await app.WithDbAsync(db => db.PostFanOuts.AnyAsync()));
    }

    [Fact]
    public async Task The_worker_is_woken_by_the_commit_and_tells_followers_by_itself()
    {
        // It would look by itself only after an hour: only the commit's ring can wake it within the test.
        using var live = new SmallFanOutStepsApp { InBackground = true };
        var hub = await live.HubAsync();
        var fan = (await FollowersAsync(live, hub, 1))[0];
        await live.AskAsync(await live.CreateUserAsync(), hub);
        // Rung by the commit; the bound only stops a broken worker from hanging the run.
        for (var i = 0; i < 600 && (await NotificationsOf(live, fan)).Count == 0; i++) await Task.Delay(50);
        Assert.Equal([NotificationKind.WatchedThread], (await NotificationsOf(live, fan)).Select(n => n.Kind));
    }
}
