using Community.Domain;
using Community.Domain.Moderation;
using Community.Domain.Reputation;
using Community.Tests.Support;
using Community.Web.Data;
using Community.Web.Features.Moderation;
using Community.Web.Features.Reputation;
using Community.Web.Features.Threads;
using Community.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Tests.Features;

/// <summary>
/// Two instances of the community on one database, conflicting requests at the same moment (started together behind
/// a barrier, one half on each instance). In the PostgreSQL build these are concurrent transactions on one server; on
/// SQLite they share the file's single writer. Either way every rule holds and every ledger total equals its rows.
/// </summary>
public sealed class TwoInstanceRaceTests : IAsyncLifetime
{
    private sealed class Instance : CommunityApp
    {
        private readonly TestClock clock;

        public Instance(TestClock clock) => this.clock = clock;

        public Instance(CommunityApp first, TestClock clock) : base(first) => this.clock = clock;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("PageCache:Enabled", "false");
            builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock));
        }
    }

    private readonly TestClock clock = new();
    private readonly Instance one;
    private readonly Instance two;

    public TwoInstanceRaceTests()
    {
        // Ahead of the wall clock that stamps new accounts, so they are old enough to give kudos.
        clock.Set(DateTimeOffset.UtcNow.AddHours(1));
        one = new Instance(clock);
        _ = one.Services;
        two = new Instance(one, clock);
        _ = two.Services;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await two.DisposeAsync();
        await one.DisposeAsync();
    }

    /// <summary>Runs <paramref name="count"/> requests at once, alternating between the instances; each one's outcome (null: it succeeded).</summary>
    private static async Task<Exception?[]> RaceAsync(int count, Func<CommunityApp, int, Task> request, params CommunityApp[] instances)
    {
        using var start = new Barrier(count);
        var tasks = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            start.SignalAndWait();
            try
            {
                await request(instances[i % instances.Length], i);
                return null;
            }
            catch (Exception e)
            {
                return e;
            }
        }));
        return await Task.WhenAll(tasks);
    }

    private Task AssertLedgerMatchesTotalsAsync() => one.WithDbAsync(async db =>
    {
        var ledger = await db.Ledger.GroupBy(l => l.UserId).Select(g => new { UserId = g.Key, Points = g.Sum(l => l.Points) }).ToDictionaryAsync(x => x.UserId, x => x.Points);
        var users = await db.Users.Where(u => u.Reputation != 0 || ledger.Keys.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Reputation);
        foreach (var (id, reputation) in users) Assert.Equal(ledger.GetValueOrDefault(id), reputation);
        var totals = await db.ReputationTotals.Where(t => t.HubId == ReputationDaily.AllHubs).ToDictionaryAsync(t => t.UserId, t => t.Points);
        foreach (var (id, points) in ledger) Assert.Equal(points, totals.GetValueOrDefault(id));
    });

    [Fact]
    public async Task Serial_kudos_sent_to_both_instances_at_once_earn_points_only_up_to_the_limit()
    {
        var author = await one.CreateUserAsync();
        var voter = await one.CreateUserAsync();
        var hub = await one.HubAsync();
        var posts = new List<int>();
        for (var i = 0; i < 8; i++) posts.Add((await one.AskAsync(await one.CreateUserAsync(), hub, answers: 1, answerer: author)).AnswerIds[0]);

        var failures = await RaceAsync(posts.Count, (app, i) => app.SendAsync(new GiveKudos.Command(new Actor(voter.Id, false), posts[i])), one, two);

        Assert.All(failures, Assert.Null);
        await one.WithDbAsync(async db =>
        {
            Assert.Equal(8, await db.Kudos.CountAsync(k => k.UserId == voter.Id));
            // Five kudos earn points (ReputationOptions.SerialVotingLimit); the other three are serial voting, reported once.
            Assert.Equal(5, await db.Ledger.CountAsync(l => l.UserId == author.Id && l.SourceUserId == voter.Id && l.Reason == PointsReason.KudosReceived));
            Assert.Equal(1, await db.ModeratorAlerts.CountAsync(a => a.UserId == voter.Id && a.OtherUserId == author.Id));
        });
        await AssertLedgerMatchesTotalsAsync();
    }

    [Fact]
    public async Task The_same_kudos_through_both_instances_counts_once()
    {
        var thread = await one.AskAsync(await one.CreateUserAsync(), await one.HubAsync(), answers: 1);
        var fan = await one.CreateUserAsync();

        var failures = await RaceAsync(6, (app, _) => app.SendAsync(new GiveKudos.Command(new Actor(fan.Id, false), thread.AnswerIds[0])), one, two);

        Assert.All(failures, Assert.Null);
        await one.WithDbAsync(async db =>
        {
            Assert.Equal(1, await db.Posts.Where(p => p.Id == thread.AnswerIds[0]).Select(p => p.KudosCount).SingleAsync());
            Assert.Equal(1, await db.Ledger.CountAsync(l => l.PostId == thread.AnswerIds[0] && l.Reason == PointsReason.KudosReceived));
        });
        await AssertLedgerMatchesTotalsAsync();
    }

    [Fact]
    public async Task One_person_flagging_a_post_on_both_instances_at_once_makes_one_flag()
    {
        var thread = await one.AskAsync(await one.CreateUserAsync(), await one.HubAsync(), answers: 1);
        var moderator = await one.CreateUserAsync(role: Roles.Moderator);

        var failures = await RaceAsync(6, (app, _) => app.SendAsync(new FlagPost.Command(new Actor(moderator.Id, true), thread.AnswerIds[0], FlagReason.Spam, null)), one, two);

        Assert.Single(failures, f => f is null);
        Assert.All(failures.Where(f => f is not null), f => Assert.Equal("You have already flagged this post.", Assert.IsType<DomainException>(f).Message));
        Assert.Equal(1, await two.WithDbAsync(db => db.Flags.CountAsync(f => f.PostId == thread.AnswerIds[0])));
    }

    [Fact]
    public async Task Two_moderators_removing_one_post_as_spam_on_both_instances_reverse_and_penalise_once()
    {
        var author = await one.CreateUserAsync();
        var thread = await one.AskAsync(await one.CreateUserAsync(), await one.HubAsync(), answers: 1, answerer: author);
        for (var i = 0; i < 3; i++) await one.SendAsync(new GiveKudos.Command(new Actor((await one.CreateUserAsync()).Id, false), thread.AnswerIds[0]));
        Assert.True(await one.WithDbAsync(db => db.Users.Where(u => u.Id == author.Id).Select(u => u.Reputation).SingleAsync()) > 0);
        var moderators = new[] { await one.CreateUserAsync(role: Roles.Moderator), await one.CreateUserAsync(role: Roles.Moderator) };

        var failures = await RaceAsync(4, (app, i) => app.SendAsync(new HidePost.Command(new Actor(moderators[i % 2].Id, true), thread.AnswerIds[0], "spam", AsSpam: true)), one, two);

        // One moderator removes it; the others are told it is already hidden. Its kudos are reversed and the spam penalty booked once.
        Assert.Single(failures, f => f is null);
        Assert.All(failures.Where(f => f is not null), f => Assert.Equal("The post is already hidden.", Assert.IsType<DomainException>(f).Message));
        await one.WithDbAsync(async db =>
        {
            Assert.Equal(1, await db.Ledger.CountAsync(l => l.UserId == author.Id && l.Reason == PointsReason.SpamRemoved));
            Assert.Equal(3, await db.Ledger.CountAsync(l => l.UserId == author.Id && l.PostId == thread.AnswerIds[0] && l.Reason == PointsReason.KudosWithdrawn));
            var penalty = await db.Ledger.Where(l => l.UserId == author.Id && l.Reason == PointsReason.SpamRemoved).SumAsync(l => l.Points);
            Assert.Equal(penalty, await db.Users.Where(u => u.Id == author.Id).Select(u => u.Reputation).SingleAsync());
        });
        await AssertLedgerMatchesTotalsAsync();
    }

    [Fact]
    public async Task Both_instances_electing_the_hero_at_once_award_once()
    {
        var hero = await one.CreateUserAsync();
        var asker = await one.CreateUserAsync();
        clock.Set(new DateTimeOffset(2034, 5, 10, 12, 0, 0, TimeSpan.Zero));
        var thread = await one.AskAsync(asker, await one.HubAsync(), answers: 1, answerer: hero);
        await one.SendAsync(new MarkSolution.Command(new Actor(asker.Id, false), thread.Id, thread.AnswerIds[0]));
        clock.Set(new DateTimeOffset(2034, 6, 1, 8, 0, 0, TimeSpan.Zero));
        var month = new Month(2034, 5);

        var elected = new HeroElection.Result?[4];
        var failures = await RaceAsync(4, (app, i) => app.WithScopeAsync(async sp =>
        {
            // As HeroElectionWorker's round does (PeriodicJob): in the commands' write turn.
            var db = sp.GetRequiredService<CommunityDb>();
            await using var tx = await db.BeginCommandTransactionAsync(default);
            elected[i] = (await sp.GetRequiredService<HeroElection>().ElectAsync(month, default)).Single(r => r.HubId == ReputationDaily.AllHubs);
            await tx.CommitAsync();
            return 0;
        }), one, two);

        Assert.All(failures, Assert.Null);
        Assert.Single(elected, r => r!.AwardedNow);
        Assert.All(elected, r => Assert.Equal(hero.Id, r!.UserId));
        await one.WithDbAsync(async db =>
        {
            Assert.Equal(1, await db.HeroAwards.CountAsync(a => a.Month == month.Key && a.HubId == ReputationDaily.AllHubs));
            Assert.Equal(1, await db.Ledger.CountAsync(l => l.UserId == hero.Id && l.Reason == PointsReason.HeroOfTheMonth));
        });
        await AssertLedgerMatchesTotalsAsync();
    }

    [Fact]
    public async Task Both_instances_sending_the_daily_digest_at_once_send_each_person_one()
    {
        // 13:00 in Vienna, after the digest hour (Mail:DigestHour 7).
        clock.Set(new DateTimeOffset(2035, 3, 10, 12, 0, 0, TimeSpan.Zero));
        var hub = await one.HubAsync();
        var readers = new List<TestUser>();
        for (var i = 0; i < 3; i++) readers.Add(await one.CreateUserAsync());
        var ids = readers.Select(r => r.Id).ToList();
        await one.WithDbAsync(db => db.Users.Where(u => ids.Contains(u.Id)).ExecuteUpdateAsync(s => s.SetProperty(u => u.MailPreference, Community.Domain.Notifications.MailPreference.DailyDigest)));
        foreach (var reader in readers) await one.AskAsync(reader, hub, answers: 1);
        clock.Advance(TimeSpan.FromMinutes(5));

        var failures = await RaceAsync(4, (app, _) => app.WithScopeAsync(async sp =>
        {
            // As DailyDigestWorker's round does (PeriodicJob): in the commands' write turn.
            var db = sp.GetRequiredService<CommunityDb>();
            await using var tx = await db.BeginCommandTransactionAsync(default);
            var sent = await sp.GetRequiredService<Community.Web.Features.Notifications.DailyDigest>().RunAsync(default);
            await tx.CommitAsync();
            return sent;
        }), one, two);

        Assert.All(failures, Assert.Null);
        var mails = await one.WithDbAsync(db => db.OutgoingMails.Where(m => ids.Contains(m.UserId!)).GroupBy(m => m.UserId).Select(g => g.Count()).ToListAsync());
        Assert.Equal([1, 1, 1], mails);
    }
}
