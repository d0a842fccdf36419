using Community.Web.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Notifications;

public static class UnreadCount
{
    public sealed record Query(string UserId) : IQuery<int>;

    public sealed class Handler(CommunityDb db) : IQueryHandler<Query, int>
    {
        public async ValueTask<int> Handle(Query q, CancellationToken ct) =>
            await db.Notifications.CountAsync(n => n.UserId == q.UserId && n.ReadAt == null, ct);
    }
}
