using Community.Domain;
using Community.Domain.Following;
using Community.Web.Data;
using Community.Web.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Following;

/// <summary>
/// A person's choices: watch or mute a thread or a hub (null goes back to normal), bookmark a thread.
/// Each is idempotent: watching twice is watching once, so a double click or a retried API call changes nothing.
/// </summary>
public static class Follow
{
    public sealed record WatchThread(Actor Actor, int ThreadId, WatchLevel? Level) : ICommand;

    public sealed record WatchHub(Actor Actor, string HubSlug, WatchLevel? Level) : ICommand;

    public sealed record BookmarkThread(Actor Actor, int ThreadId, bool Bookmarked) : ICommand;

    /// <summary>The viewer's choices for one thread (and its hub), shown as the thread page's buttons.</summary>
    public sealed record ThreadState(WatchLevel? Thread, bool Bookmarked);

    public sealed record StateQuery(string UserId, int ThreadId) : IQuery<ThreadState>;

    public sealed record HubStateQuery(string UserId, int HubId) : IQuery<WatchLevel?>;

    public sealed class Handlers(CommunityDb db, TimeProvider clock) :
        ICommandHandler<WatchThread>, ICommandHandler<WatchHub>, ICommandHandler<BookmarkThread>, IQueryHandler<StateQuery, ThreadState>, IQueryHandler<HubStateQuery, WatchLevel?>
    {
        public async ValueTask<Unit> Handle(WatchThread cmd, CancellationToken ct)
        {
            if (!await db.Threads.AnyAsync(t => t.Id == cmd.ThreadId, ct)) throw new NotFoundException(UiMessage.Saying("Thread {0} does not exist.", cmd.ThreadId));
            var row = await db.ThreadWatches.FirstOrDefaultAsync(w => w.ThreadId == cmd.ThreadId && w.UserId == cmd.Actor.UserId, ct);
            var level = cmd.Level ?? WatchLevel.Normal;
            if (row is null) db.ThreadWatches.Add(new ThreadWatch { UserId = cmd.Actor.UserId, ThreadId = cmd.ThreadId, Level = level, At = clock.GetUtcNow() });
            else
            {
                row.Level = level;
                row.Automatic = false;
                row.At = clock.GetUtcNow();
            }
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }

        public async ValueTask<Unit> Handle(WatchHub cmd, CancellationToken ct)
        {
            var hubId = await db.Hubs.Where(h => h.Slug == cmd.HubSlug).Select(h => (int?)h.Id).FirstOrDefaultAsync(ct)
                ?? throw new NotFoundException(UiMessage.Saying("There is no hub \"{0}\".", cmd.HubSlug));
            var row = await db.HubWatches.FirstOrDefaultAsync(w => w.HubId == hubId && w.UserId == cmd.Actor.UserId, ct);
            if (cmd.Level is not { } level)
            {
                if (row is not null) db.HubWatches.Remove(row);
            }
            else if (row is null) db.HubWatches.Add(new HubWatch { UserId = cmd.Actor.UserId, HubId = hubId, Level = level, At = clock.GetUtcNow() });
            else
            {
                row.Level = level;
                row.At = clock.GetUtcNow();
            }
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }

        public async ValueTask<Unit> Handle(BookmarkThread cmd, CancellationToken ct)
        {
            if (!await db.Threads.AnyAsync(t => t.Id == cmd.ThreadId, ct)) throw new NotFoundException(UiMessage.Saying("Thread {0} does not exist.", cmd.ThreadId));
            var row = await db.Bookmarks.FirstOrDefaultAsync(b => b.ThreadId == cmd.ThreadId && b.UserId == cmd.Actor.UserId, ct);
            if (cmd.Bookmarked && row is null) db.Bookmarks.Add(new Bookmark { UserId = cmd.Actor.UserId, ThreadId = cmd.ThreadId, At = clock.GetUtcNow() });
            else if (!cmd.Bookmarked && row is not null) db.Bookmarks.Remove(row);
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }

        public async ValueTask<ThreadState> Handle(StateQuery q, CancellationToken ct)
        {
            var thread = await db.ThreadWatches.Where(w => w.ThreadId == q.ThreadId && w.UserId == q.UserId).Select(w => (WatchLevel?)w.Level).FirstOrDefaultAsync(ct);
            var bookmarked = await db.Bookmarks.AnyAsync(b => b.ThreadId == q.ThreadId && b.UserId == q.UserId, ct);
            return new ThreadState(thread, bookmarked);
        }

        public async ValueTask<WatchLevel?> Handle(HubStateQuery q, CancellationToken ct) =>
            await db.HubWatches.Where(w => w.UserId == q.UserId && w.HubId == q.HubId).Select(w => (WatchLevel?)w.Level).FirstOrDefaultAsync(ct);
    }

    /// <summary>A level as forms and the API spell it: "watching", "muted", or "" for normal.</summary>
    public static string LevelName(WatchLevel? level) => level switch { WatchLevel.Watching => "watching", WatchLevel.Muted => "muted", _ => "" };

    /// <summary>"watching", "muted" or anything else (normal), as forms and the API spell it.</summary>
    public static WatchLevel? ParseLevel(string? level) => level switch
    {
        "watching" => WatchLevel.Watching,
        "muted" => WatchLevel.Muted,
        _ => null,
    };
}
