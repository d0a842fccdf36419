using Community.Domain.Threads;
using Community.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Hubs;

/// <summary>
/// Keeps each hub's thread and solved counts equal to its threads, in the transaction that changes a thread: the
/// handler takes the thread's <see cref="ForumThread.Share"/> before the change and hands both to <see cref="MoveAsync"/>.
/// The counts change by an atomic increment in the database, so two writers at once never lose one.
/// </summary>
public sealed class HubCounters(CommunityDb db)
{
    public async Task MoveAsync(HubShare before, HubShare after, CancellationToken ct)
    {
        if (before.HubId == after.HubId || before.IsNone || after.IsNone)
        {
            // One hub changes (or a thread appears or disappears): one update by the difference.
            var hubId = after.IsNone ? before.HubId : after.HubId;
            var (threads, solved) = (after.Threads - before.Threads, after.Solved - before.Solved);
            if (threads != 0 || solved != 0) await AddAsync(hubId, threads, solved, ct);
            return;
        }
        // A move: the old hub loses the thread, the new one gains it.
        await AddAsync(before.HubId, -before.Threads, -before.Solved, ct);
        await AddAsync(after.HubId, after.Threads, after.Solved, ct);
    }

    private Task AddAsync(int hubId, int threads, int solved, CancellationToken ct) =>
        db.Hubs.Where(h => h.Id == hubId).ExecuteUpdateAsync(s => s
            .SetProperty(h => h.ThreadCount, h => h.ThreadCount + threads)
            .SetProperty(h => h.SolvedCount, h => h.SolvedCount + solved), ct);

    /// <summary>Counts everything afresh (after a bulk import); the result equals what the handlers maintain.</summary>
    public Task RecountAsync(CancellationToken ct) =>
        db.Hubs.ExecuteUpdateAsync(s => s
            .SetProperty(h => h.ThreadCount, h => db.Threads.Count(t => t.HubId == h.Id))
            .SetProperty(h => h.SolvedCount, h => db.Threads.Count(t => t.HubId == h.Id && t.Status == ThreadStatus.Solved)), ct);
}
