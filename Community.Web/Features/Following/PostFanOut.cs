using Community.Domain.Following;
using Community.Domain.Notifications;
using Community.Web.Data;
using Community.Web.Features.Notifications;
using Community.Web.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Following;

/// <summary>Who a <see cref="PostFanOut"/> row tells: those watching the post's thread, or those watching its hub.</summary>
public enum FanOutAudience { ThreadWatchers = 0, HubFollowers = 1 }

/// <summary>
/// A new post whose watchers are still to be told: written with the post (<see cref="PostNotices"/>), one row for its
/// thread's watchers and one for its hub's followers, worked off after it by <see cref="FanOutWorker"/> in steps of
/// <see cref="FollowingOptions.FanOutPerStep"/> people, <see cref="AfterUserId"/> remembering how far it got. A thread
/// with hundreds of participants or a hub with ten thousand followers so costs the post nothing, and no step holds the
/// write turn for long. The asker and the people mentioned are told in the post's own transaction.
/// </summary>
public sealed class PostFanOut
{
    public long Id { get; init; }
    public int PostId { get; init; }
    public FanOutAudience Audience { get; init; }
    /// <summary>The hub the post was written in: a thread moved meanwhile still tells that hub's followers, and the mark stays theirs.</summary>
    public int HubId { get; init; }
    /// <summary>The writer's name as the notifications show it; null for an official answer (told as the support team's).</summary>
    public string? ActorName { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>The last person (by user id) already told; null before the first step.</summary>
    public string? AfterUserId { get; set; }
}

/// <summary><c>Following</c> in appsettings.</summary>
public sealed record FollowingOptions
{
    /// <summary>People told per step (one transaction each); at least 1.</summary>
    public int FanOutPerStep { get; init; } = 500;
    /// <summary>False in tests, which run the steps themselves (<see cref="FanOutStep"/>).</summary>
    public bool FanOutInBackground { get; init; } = true;
    /// <summary>How often the worker looks for posts written on other instances (its own ring it at once).</summary>
    public int FanOutPollSeconds { get; init; } = 10;

    public int PerStep => Math.Max(1, FanOutPerStep);
}

/// <summary>Wakes this instance's <see cref="FanOutWorker"/> once a post with watchers is committed; other instances find the row by polling.</summary>
public sealed class FanOutBell : Infrastructure.Outbox.Doorbell;

/// <summary>
/// One step of telling a post's watchers: the next people by user id, their notifications (a new answer grows an
/// unread entry for the same thread: "3 new answers in …"), and the mark of how far it got, in one transaction.
/// Several instances may run steps at once: each step reads the mark inside the write turn, so nobody is told twice.
/// A post or thread hidden by now tells nobody more. The notifications carry the time they are written, so a daily
/// digest that ran between the post and the step still finds them.
/// </summary>
public static class FanOutStep
{
    /// <returns>Whether the post has people left to tell.</returns>
    public sealed record Command(long FanOutId) : ICommand<bool>;

    private sealed record Person(string UserId, WatchLevel Level, WatchedHubPosts Posts, DateTimeOffset? DeletedAt);

    public sealed class Handler(CommunityDb db, Notifier notifier, FollowingOptions options, TimeProvider clock) : ICommandHandler<Command, bool>
    {
        public async ValueTask<bool> Handle(Command cmd, CancellationToken ct)
        {
            var job = await db.PostFanOuts.FirstOrDefaultAsync(f => f.Id == cmd.FanOutId, ct);
            if (job is null) return false;
            // Threads hidden by a moderator are outside the query filter: with a hidden post, nobody more is told.
            var about = await db.Posts.Where(p => p.Id == job.PostId && !p.IsHidden)
                .Join(db.Threads, p => p.ThreadId, t => t.Id, (p, t) => new { Post = p, Thread = t })
                .AsNoTracking().FirstOrDefaultAsync(ct);
            if (about is null)
            {
                db.PostFanOuts.Remove(job);
                await db.SaveChangesAsync(ct);
                return false;
            }
            var (post, thread) = (about.Post, about.Thread);
            var people = await NextAsync(job, thread.Id, ct);
            var ids = people.Select(f => f.UserId).ToList();
            var mentioned = (await db.PostMentions.Where(m => m.PostId == post.Id && ids.Contains(m.UserId)).Select(m => m.UserId).ToListAsync(ct)).ToHashSet();
            var present = people.Where(f => f.DeletedAt == null).ToList();
            IReadOnlyList<Listener> listeners;
            if (job.Audience == FanOutAudience.ThreadWatchers)
                listeners = Audience.OfThreadWatchers(post.AuthorId, thread.AuthorId, present.Select(p => p.UserId), mentioned);
            else
            {
                var withThreadChoice = (await db.ThreadWatches.Where(w => w.ThreadId == thread.Id && ids.Contains(w.UserId)).Select(w => w.UserId).ToListAsync(ct)).ToHashSet();
                listeners = Audience.OfHubFollowers(post.IsQuestion, post.AuthorId, thread.AuthorId,
                    present.Select(f => new HubFollower(f.UserId, f.Level, f.Posts)), withThreadChoice, mentioned);
            }
            var now = clock.GetUtcNow();
            var notes = listeners.Select(l => new Notification
            {
                UserId = l.UserId, Kind = l.Kind, CreatedAt = now, Url = Urls.Thread(thread.Id, thread.Slug), ActorName = job.ActorName, Quiet = l.Quiet,
            }).ToList();
            if (post.IsQuestion)
            {
                var hubName = await db.Hubs.Where(h => h.Id == job.HubId).Select(h => h.Name).FirstOrDefaultAsync(ct) ?? "";
                await notifier.NotifyManyAsync(notes.Select(n => n.Saying("{0} asked \"{1}\" in {2}.", job.ActorName ?? "", thread.Title, hubName)).ToList(), ct);
            }
            else
                await notifier.NotifyOfAnswerAsync(notes, thread.Title, ct);

            var more = people.Count == options.PerStep;
            if (more) job.AfterUserId = ids[^1];
            else db.PostFanOuts.Remove(job);
            await db.SaveChangesAsync(ct);
            return more;
        }

        /// <summary>The next people watching the thread or the hub, by user id after the mark.</summary>
        private async Task<List<Person>> NextAsync(PostFanOut job, int threadId, CancellationToken ct)
        {
            var after = job.AfterUserId;
            var watching = job.Audience == FanOutAudience.ThreadWatchers
                ? db.ThreadWatches.Where(w => w.ThreadId == threadId).Select(w => new { w.UserId, w.Level })
                : db.HubWatches.Where(w => w.HubId == job.HubId).Select(w => new { w.UserId, w.Level });
            return await watching.AsNoTracking()
                .Where(w => w.Level == WatchLevel.Watching && (after == null || string.Compare(w.UserId, after) > 0))
                .OrderBy(w => w.UserId).Take(options.PerStep)
                .Join(db.Users, w => w.UserId, u => u.Id, (w, u) => new Person(w.UserId, w.Level, u.WatchedHubPosts, u.DeletedAt))
                .ToListAsync(ct);
        }
    }

    /// <summary>
    /// Works off every pending row, oldest first, a step per transaction (the worker, and tests that tell watchers at
    /// a point of their choosing). A row whose step fails is left for the next round and does not hold up the rows
    /// after it. Returns the number of steps taken.
    /// </summary>
    public static async Task<int> DrainAsync(IServiceProvider services, ILogger? log, CancellationToken ct)
    {
        var steps = 0;
        var failed = new HashSet<long>();
        while (true)
        {
            List<long> pending;
            await using (var scope = services.CreateAsyncScope())
                pending = await scope.ServiceProvider.GetRequiredService<CommunityDb>().PostFanOuts.AsNoTracking()
                    .Where(f => !failed.Contains(f.Id)).OrderBy(f => f.Id).Select(f => f.Id).Take(100).ToListAsync(ct);
            if (pending.Count == 0) return steps;
            foreach (var id in pending)
            {
                try
                {
                    bool more;
                    do
                    {
                        await using var scope = services.CreateAsyncScope();
                        more = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new Command(id), ct);
                        steps++;
                    }
                    while (more);
                }
                catch (Exception e) when (log is not null && !ct.IsCancellationRequested)
                {
                    failed.Add(id);
                    log.LogError(e, "Telling the watchers of post fan-out {FanOutId} failed; it is tried again next round.", id);
                }
            }
        }
    }
}

/// <summary>
/// Tells watchers of new posts shortly after they are written: woken by <see cref="FanOutBell"/> on this instance,
/// and every <c>Following:FanOutPollSeconds</c> for posts written on another. A failed step is logged and tried again.
/// </summary>
public sealed class FanOutWorker(IServiceProvider services, FanOutBell bell, FollowingOptions options, DatabaseAvailability database, TimeProvider clock, ILogger<FanOutWorker> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.FanOutInBackground) return;
        var interval = TimeSpan.FromSeconds(Math.Max(1, options.FanOutPollSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            // Taken before looking for work, so a post committed during the look rings this one.
            var rung = bell.Next;
            if (database.IsReady)
            {
                try
                {
                    await FanOutStep.DrainAsync(services, log, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    log.LogError(e, "Telling watchers of new posts failed; it is tried again in {Interval}.", interval);
                }
            }
            // The ring or the interval, whichever comes first; the other is dropped (no timers pile up under many posts).
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            await Task.WhenAny(rung, Task.Delay(interval, clock, wait.Token)).ContinueWith(_ => { }, CancellationToken.None);
            await wait.CancelAsync();
        }
    }
}
