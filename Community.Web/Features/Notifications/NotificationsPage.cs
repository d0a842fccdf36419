using Community.Domain.Notifications;
using Community.Web.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Notifications;

/// <summary>The notifications page: the latest notifications in the reader's language and the mail setting.</summary>
public static class NotificationsPage
{
    public sealed record Query(string UserId) : IQuery<Model>;

    public sealed record Model(IReadOnlyList<NotificationRow> Items, MailPreference Preference);

    public sealed class Handler(CommunityDb db, IMediator mediator) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query q, CancellationToken ct)
        {
            var items = await mediator.Send(new MyNotifications.Query(q.UserId), ct);
            var preference = await db.Users.Where(u => u.Id == q.UserId).Select(u => u.MailPreference).FirstAsync(ct);
            return new Model(items, preference);
        }
    }
}
