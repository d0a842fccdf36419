using Community.Domain.Crm;
using Community.Web.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Crm;

public static class MyCustomerLink
{
    public sealed record Model(string MaskedNumber, string ConsentVersion, DateTimeOffset ConsentedAt, int PointsSent);

    public sealed record Query(string UserId) : IQuery<Model?>;

    public sealed class Handler(CommunityDb db) : IQueryHandler<Query, Model?>
    {
        public async ValueTask<Model?> Handle(Query q, CancellationToken ct)
        {
            var link = await db.CustomerLinks.AsNoTracking().Where(l => l.UserId == q.UserId && l.UnlinkedAt == null)
                .Select(l => new { l.CustomerNumber, l.ConsentVersion, l.ConsentedAt, l.CreditedPoints }).FirstOrDefaultAsync(ct);
            return link is null ? null : new Model(CustomerLink.Mask(link.CustomerNumber), link.ConsentVersion, link.ConsentedAt, link.CreditedPoints);
        }
    }
}
