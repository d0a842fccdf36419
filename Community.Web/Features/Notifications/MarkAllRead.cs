using Community.Web.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Notifications;

public static class MarkAllRead
{
    public sealed record Command(string UserId) : ICommand<int>;

    public sealed class Handler(CommunityDb db, TimeProvider clock) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command cmd, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            return await db.Notifications.Where(n => n.UserId == cmd.UserId && n.ReadAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
        }
    }
}

/// <summary>One notification read: its owner opened it (the page's link) or the API said so. Someone else's is not found.</summary>
public static class MarkRead
{
    /// <returns>Where the notification points, or null when the person has no such notification.</returns>
    public sealed record Command(string UserId, long Id) : ICommand<string?>;

    public sealed class Handler(CommunityDb db, TimeProvider clock) : ICommandHandler<Command, string?>
    {
        public async ValueTask<string?> Handle(Command cmd, CancellationToken ct)
        {
            var url = await db.Notifications.Where(n => n.Id == cmd.Id && n.UserId == cmd.UserId).Select(n => n.Url).FirstOrDefaultAsync(ct);
            if (url is null) return null;
            var now = clock.GetUtcNow();
            await db.Notifications.Where(n => n.Id == cmd.Id && n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
            return url;
        }
    }
}

/// <summary>
/// Reading a thread reads its notifications (as on Discourse): someone who follows a thread from the mails opens it
/// from the mail's link, and the next answer then mails again instead of joining an entry they never saw as read.
/// </summary>
public static class MarkThreadRead
{
    /// <summary>Whether anything is to mark: asked first, so a thread view takes no write turn when nothing is unread.</summary>
    public sealed record Query(string UserId, string ThreadUrl) : IQuery<bool>;

    public sealed record Command(string UserId, string ThreadUrl) : ICommand<int>;

    public sealed class Handlers(CommunityDb db, TimeProvider clock) : IQueryHandler<Query, bool>, ICommandHandler<Command, int>
    {
        public async ValueTask<bool> Handle(Query q, CancellationToken ct) =>
            await db.Notifications.AnyAsync(n => n.UserId == q.UserId && n.ReadAt == null && (n.Url == q.ThreadUrl || n.Url.StartsWith(q.ThreadUrl + "#")), ct);

        public async ValueTask<int> Handle(Command cmd, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            return await db.Notifications.Where(n => n.UserId == cmd.UserId && n.ReadAt == null && (n.Url == cmd.ThreadUrl || n.Url.StartsWith(cmd.ThreadUrl + "#")))
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
        }
    }
}
