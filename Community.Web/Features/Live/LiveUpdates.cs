using Community.Web.Data;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Live;

/// <summary>
/// The SignalR hub at <c>/live</c>: a thread page joins its thread's group and hears of new answers; a signed-in
/// person's connections hear their unread count. With <c>ConnectionStrings:Redis</c> the Redis backplane carries
/// messages between instances, so an answer written on one instance reaches readers connected to another.
/// Pages work without it (and without JavaScript): they are plain pages, the live part only adds the notice.
/// </summary>
public sealed class LiveHub(CommunityDb db) : Hub
{
    public const string Path = "/live";

    public static string ThreadGroup(int threadId) => "thread-" + threadId;

    /// <summary>
    /// Anyone may follow a visible thread; the messages carry only ids and counts, never content. A connection
    /// follows one thread (a page shows one): joining another leaves the first, so no client can pile up groups.
    /// </summary>
    public async Task<bool> WatchThread(int threadId)
    {
        if (!await db.Threads.AsNoTracking().AnyAsync(t => t.Id == threadId, Context.ConnectionAborted)) return false;
        if (Context.Items.TryGetValue("thread", out var previous) && previous is int old)
        {
            if (old == threadId) return true;
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, ThreadGroup(old));
        }
        Context.Items["thread"] = threadId;
        await Groups.AddToGroupAsync(Context.ConnectionId, ThreadGroup(threadId));
        return true;
    }
}

/// <summary>
/// What a command changed that open pages should hear of, collected while it runs and sent only after its transaction
/// committed (<see cref="Infrastructure.TransactionBehaviour{TMessage, TResponse}"/>), as the page cache is evicted.
/// </summary>
public sealed class LiveUpdates(IHubContext<LiveHub> hub, CommunityDb db, ILogger<LiveUpdates> log)
{
    private readonly Dictionary<int, List<int>> _answers = [];
    private readonly HashSet<string> _people = [];

    public void AnswerAdded(int threadId, int postId)
    {
        if (!_answers.TryGetValue(threadId, out var list)) _answers[threadId] = list = [];
        list.Add(postId);
    }

    public void NotificationsChanged(string userId) => _people.Add(userId);

    public void Forget()
    {
        _answers.Clear();
        _people.Clear();
    }

    public async Task PublishAsync(CancellationToken ct)
    {
        if (_answers.Count == 0 && _people.Count == 0) return;
        try
        {
            foreach (var (threadId, posts) in _answers)
                await hub.Clients.Group(LiveHub.ThreadGroup(threadId)).SendAsync("answers", new { threadId, postIds = posts }, ct);
            if (_people.Count > 0)
            {
                var ids = _people.ToList();
                var counts = await db.Notifications.AsNoTracking().Where(n => ids.Contains(n.UserId) && n.ReadAt == null)
                    .GroupBy(n => n.UserId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
                foreach (var id in ids) await hub.Clients.User(id).SendAsync("unread", new { count = counts.GetValueOrDefault(id) }, ct);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A live notice is a convenience: the change is committed and shows on the next page load.
            log.LogWarning(e, "Live updates could not be sent; pages show the change on their next load.");
        }
        finally
        {
            Forget();
        }
    }
}
