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
