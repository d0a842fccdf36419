using Community.Domain.Notifications;
using Community.Web.Data;
using Community.Web.Infrastructure.Localization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Community.Web.Features.Notifications;

public sealed record NotificationRow(long Id, NotificationKind Kind, string Text, string Url, DateTimeOffset CreatedAt, bool IsRead);

public static class MyNotifications
{
    /// <summary>The JSON API asks for the stored English texts (<paramref name="InReadersLanguage"/> false), pages for the reader's language.</summary>
    public sealed record Query(string UserId, int Take = 50, bool InReadersLanguage = true) : IQuery<IReadOnlyList<NotificationRow>>;

    /// <summary>Texts come in the reader's language (the request's UI culture).</summary>
    public sealed class Handler(CommunityDb db, IStringLocalizer<SharedResource> localizer, DisplayTime times) : IQueryHandler<Query, IReadOnlyList<NotificationRow>>
    {
        public async ValueTask<IReadOnlyList<NotificationRow>> Handle(Query q, CancellationToken ct) =>
            (await db.Notifications.AsNoTracking().Where(n => n.UserId == q.UserId)
                .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(q.Take)
                .Select(n => new { n.Id, n.Kind, n.Text, n.Template, n.Arguments, n.Url, n.CreatedAt, IsRead = n.ReadAt != null })
                .ToListAsync(ct))
            .Select(n => new NotificationRow(n.Id, n.Kind,
                q.InReadersLanguage ? UiMessages.Notification(localizer, times, n.Text, n.Template, n.Arguments) : n.Text, n.Url, n.CreatedAt, n.IsRead))
            .ToList();
    }
}

public static class UnreadCount
{
    public sealed record Query(string UserId) : IQuery<int>;

    public sealed class Handler(CommunityDb db) : IQueryHandler<Query, int>
    {
        public async ValueTask<int> Handle(Query q, CancellationToken ct) =>
            await db.Notifications.CountAsync(n => n.UserId == q.UserId && n.ReadAt == null, ct);
    }
}

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
