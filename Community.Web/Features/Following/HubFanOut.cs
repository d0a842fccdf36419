using Community.Domain.Following;
using Community.Domain.Notifications;
using Community.Web.Data;
using Community.Web.Features.Notifications;
using Community.Web.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Following;

/// <summary>
/// A new post whose hub's followers are still to be told: written with the post (<see cref="PostNotices"/>), worked
/// off after it by <see cref="HubFanOutWorker"/> in steps of <see cref="FollowingOptions.FanOutPerStep"/> followers,
/// <see cref="AfterUserId"/> remembering how far it got. A hub with ten thousand followers so costs the answer
/// nothing, and no step holds the write turn for long.
/// </summary>
public sealed class HubFanOut
{
    public long Id { get; init; }
    public int PostId { get; init; }
    /// <summary>The writer's name as the notifications show it; null for an official answer (told as the support team's).</summary>
    public string? ActorName { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>The last follower (by user id) already told; null before the first step.</summary>
    public string? AfterUserId { get; set; }
}

/// <summary><c>Following</c> in appsettings.</summary>
public sealed record FollowingOptions
{
    /// <summary>Hub followers told per step (one transaction each).</summary>
    public int FanOutPerStep { get; init; } = 500;
    /// <summary>False in tests, which run the steps themselves (<see cref="HubFanOutStep"/>).</summary>
    public bool FanOutInBackground { get; init; } = true;
}

/// <summary>Wakes this instance's <see cref="HubFanOutWorker"/> once a post with hub followers is committed; other instances find the row by polling.</summary>
public sealed class HubFanOutBell
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Next => Volatile.Read(ref _next).Task;

    public void Ring() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}

/// <summary>
/// One step of telling a hub's followers of a post: the oldest pending post, its next followers by user id, their
/// notifications (grouped into an unread one for the same thread, as with watchers), and the mark of how far it got,
/// in one transaction. Several instances may run steps at once: each step reads the mark inside the write turn, so no
/// follower is told twice. A post hidden or gone by now tells nobody.
/// </summary>
public static class HubFanOutStep
{
    /// <returns>Whether more work is pending.</returns>
    public sealed record Command : ICommand<bool>;

    public sealed class Handler(CommunityDb db, Notifier notifier, FollowingOptions options) : ICommandHandler<Command, bool>
    {
        public async ValueTask<bool> Handle(Command cmd, CancellationToken ct)
        {
            var job = await db.HubFanOuts.OrderBy(f => f.Id).FirstOrDefaultAsync(ct);
            if (job is null) return false;
            var about = await db.Posts.Where(p => p.Id == job.PostId && !p.IsHidden)
                .Join(db.Threads, p => p.ThreadId, t => t.Id, (p, t) => new { Post = p, Thread = t })
                .Join(db.Hubs, x => x.Thread.HubId, h => h.Id, (x, h) => new { x.Post, x.Thread, HubName = h.Name })
                .AsNoTracking().FirstOrDefaultAsync(ct);
            if (about is null)
            {
                db.HubFanOuts.Remove(job);
                await db.SaveChangesAsync(ct);
                return true;
            }
            var (post, thread) = (about.Post, about.Thread);
            var after = job.AfterUserId;
            var followers = await db.HubWatches.AsNoTracking()
                .Where(w => w.HubId == thread.HubId && w.Level == WatchLevel.Watching && (after == null || string.Compare(w.UserId, after) > 0))
                .OrderBy(w => w.UserId).Take(options.FanOutPerStep)
                .Join(db.Users, w => w.UserId, u => u.Id, (w, u) => new { w.UserId, w.Level, u.WatchedHubPosts, u.DeletedAt })
                .ToListAsync(ct);
            var ids = followers.Select(f => f.UserId).ToList();
            var withThreadChoice = (await db.ThreadWatches.Where(w => w.ThreadId == thread.Id && ids.Contains(w.UserId)).Select(w => w.UserId).ToListAsync(ct)).ToHashSet();
            var mentioned = (await db.PostMentions.Where(m => m.PostId == post.Id && ids.Contains(m.UserId)).Select(m => m.UserId).ToListAsync(ct)).ToHashSet();
            var listeners = Audience.OfHubFollowers(post.IsQuestion, post.AuthorId, thread.AuthorId,
                followers.Where(f => f.DeletedAt == null).Select(f => new HubFollower(f.UserId, f.Level, f.WatchedHubPosts)), withThreadChoice, mentioned);
            var notes = listeners.Select(l => new Notification
            {
                UserId = l.UserId, Kind = l.Kind, CreatedAt = post.CreatedAt, Url = Urls.Thread(thread.Id, thread.Slug), ActorName = job.ActorName, Quiet = l.Quiet,
            }).ToList();
            if (post.IsQuestion)
                await notifier.NotifyManyAsync(notes.Select(n => n.Saying("{0} asked \"{1}\" in {2}.", job.ActorName ?? "", thread.Title, about.HubName)).ToList(), ct);
            else
                await notifier.NotifyOfAnswerAsync(notes, thread.Title, ct);

            if (followers.Count < options.FanOutPerStep) db.HubFanOuts.Remove(job);
            else job.AfterUserId = ids[^1];
            await db.SaveChangesAsync(ct);
            return true;
        }
    }

    /// <summary>Runs steps until nothing is pending (the worker, and tests that tell followers at a point of their choosing).</summary>
    public static async Task<int> DrainAsync(IServiceProvider services, CancellationToken ct)
    {
        var steps = 0;
        while (true)
        {
            await using var scope = services.CreateAsyncScope();
            if (!await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new Command(), ct)) return steps;
            steps++;
        }
    }
}

/// <summary>
/// Tells hub followers of new posts shortly after they are written: woken by <see cref="HubFanOutBell"/> on this
/// instance, and every <see cref="Interval"/> for posts written on another. A failed step is logged and tried again.
/// </summary>
public sealed class HubFanOutWorker(IServiceProvider services, HubFanOutBell bell, FollowingOptions options, DatabaseAvailability database, TimeProvider clock, ILogger<HubFanOutWorker> log)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.FanOutInBackground) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            // Taken before looking for work, so a post committed during the look rings this one.
            var rung = bell.Next;
            if (database.IsReady)
            {
                try
                {
                    await HubFanOutStep.DrainAsync(services, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    log.LogError(e, "Telling hub followers of a new post failed; it is tried again in {Interval}.", Interval);
                }
            }
            await Task.WhenAny(rung, Task.Delay(Interval, clock, stoppingToken)).ContinueWith(_ => { }, CancellationToken.None);
        }
    }
}
