using Community.Web.Data;
using Community.Web.Infrastructure.Localization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Community.Web.Features.Notifications;

public static class MyNotifications
{
    /// <summary>The JSON API asks for the stored English texts (<paramref name="InReadersLanguage"/> false), pages for the reader's language.</summary>
    public const int PageSize = 50;

    /// <param name="Page">1 is the newest <see cref="PageSize"/>; a page past the end is empty.</param>
    /// <param name="PeekNext">One more row than a page, so a caller knows whether an older page follows without counting.</param>
    public sealed record Query(string UserId, int Page = 1, bool InReadersLanguage = true, bool PeekNext = false) : IQuery<IReadOnlyList<NotificationRow>>;

    /// <summary>Texts come in the reader's language (the request's UI culture).</summary>
    public sealed class Handler(CommunityDb db, IStringLocalizer<SharedResource> localizer, DisplayTime times) : IQueryHandler<Query, IReadOnlyList<NotificationRow>>
    {
        public async ValueTask<IReadOnlyList<NotificationRow>> Handle(Query q, CancellationToken ct) =>
            (await db.Notifications.AsNoTracking().Where(n => n.UserId == q.UserId)
                .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
                .Skip((Math.Clamp(q.Page, 1, 10_000) - 1) * PageSize).Take(PageSize + (q.PeekNext ? 1 : 0))
                .Select(n => new { n.Id, n.Kind, n.Text, n.Template, n.Arguments, n.Url, n.CreatedAt, IsRead = n.ReadAt != null, n.ActorName })
                .ToListAsync(ct))
            .Select(n => new NotificationRow(n.Id, n.Kind,
                q.InReadersLanguage ? UiMessages.Notification(localizer, times, n.Text, n.Template, n.Arguments) : n.Text, n.Url, n.CreatedAt, n.IsRead, n.ActorName))
            .ToList();
    }
}
