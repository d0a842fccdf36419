using Community.Domain.Notifications;
using Community.Web.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Notifications;

/// <summary>The notifications page: the latest notifications in the reader's language and the mail setting.</summary>
public static class NotificationsPage
{
    public sealed record Query(string UserId, int Page = 1) : IQuery<Model>;

    /// <param name="HasOlder">Another page of older notifications follows.</param>
    public sealed record Model(IReadOnlyList<NotificationRow> Items, MailPreference Preference, int Page, bool HasOlder);

    public sealed class Handler(CommunityDb db, IMediator mediator) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query q, CancellationToken ct)
        {
            var page = Math.Clamp(q.Page, 1, 10_000);
            var items = await mediator.Send(new MyNotifications.Query(q.UserId, page, PeekNext: true), ct);
            var preference = await db.Users.Where(u => u.Id == q.UserId).Select(u => u.MailPreference).FirstAsync(ct);
            return new Model(items.Take(MyNotifications.PageSize).ToList(), preference, page, HasOlder: items.Count > MyNotifications.PageSize);
        }
    }
}
