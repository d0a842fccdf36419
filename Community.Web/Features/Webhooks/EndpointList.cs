using Community.Domain.Outbox;
using Community.Web.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Webhooks;

public static class EndpointList
{
    public sealed record Row(int Id, string Url, string Description, string EventTypes, bool IsPaused, DateTimeOffset CreatedAt, int Pending, int Delivered, int Dead);

    public sealed record Query : IQuery<IReadOnlyList<Row>>;

    public sealed class Handler(CommunityDb db) : IQueryHandler<Query, IReadOnlyList<Row>>
    {
        public async ValueTask<IReadOnlyList<Row>> Handle(Query q, CancellationToken ct)
        {
            var endpoints = await db.WebhookEndpoints.AsNoTracking().OrderBy(e => e.Id).ToListAsync(ct);
            var counts = await db.WebhookDeliveries.AsNoTracking()
                .GroupBy(d => new { d.EndpointId, d.Status })
                .Select(g => new { g.Key.EndpointId, g.Key.Status, Count = g.Count() })
                .ToListAsync(ct);
            int Count(int id, DeliveryStatus s) => counts.Where(c => c.EndpointId == id && c.Status == s).Sum(c => c.Count);
            return endpoints.Select(e => new Row(e.Id, e.Url, e.Description, e.EventTypes, e.IsPaused, e.CreatedAt,
                Count(e.Id, DeliveryStatus.Pending), Count(e.Id, DeliveryStatus.Delivered), Count(e.Id, DeliveryStatus.DeadLettered))).ToList();
        }
    }
}
