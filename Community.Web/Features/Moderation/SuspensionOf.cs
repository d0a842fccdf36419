using Community.Web.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Moderation;

public static class SuspensionOf
{
    public sealed record Model(DateTimeOffset Until, string Reason);

    public sealed record Query(string UserId, DateTimeOffset Now) : IQuery<Model?>;

    public sealed class Handler(CommunityDb db) : IQueryHandler<Query, Model?>
    {
        public async ValueTask<Model?> Handle(Query q, CancellationToken ct)
        {
            var s = await db.Users.AsNoTracking().Where(u => u.Id == q.UserId).Select(u => new { u.SuspendedUntil, u.SuspensionReason }).FirstOrDefaultAsync(ct);
            return s?.SuspendedUntil is { } until && until > q.Now ? new Model(until, s.SuspensionReason ?? "") : null;
        }
    }
}
