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
        Assert.False(await app.WithDbAsync(db => db.HubFanOuts.AnyAsync()));
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
    public async Task Two_instances_working_at_once_tell_each_follower_once()
    {
        var hub = await app.HubAsync();
        var fans = await FollowersAsync(app, hub, 10);
        await app.AskAsync(await app.CreateUserAsync(), hub);
        using var second = SmallFanOutStepsApp.SecondInstance(app);
        var steps = await Task.WhenAll(app.FanOutAsync(), second.FanOutAsync());
        // Four steps of three in all, taken by whichever instance had the write turn.
        Assert.Equal(4, steps.Sum());
        foreach (var fan in fans) Assert.Single(await NotificationsOf(app, fan));
    }

    [Fact]
    public async Task The_worker_tells_followers_by_itself_soon_after_the_post()
    {
        using var live = new SmallFanOutStepsApp { InBackground = true };
        var hub = await live.HubAsync();
        var fan = (await FollowersAsync(live, hub, 1))[0];
        await live.AskAsync(await live.CreateUserAsync(), hub);
        // Rung by the commit; the bound only stops a broken worker from hanging the run.
        for (var i = 0; i < 600 && (await NotificationsOf(live, fan)).Count == 0; i++) await Task.Delay(50);
        Assert.Equal([NotificationKind.WatchedThread], (await NotificationsOf(live, fan)).Select(n => n.Kind));
    }
}
