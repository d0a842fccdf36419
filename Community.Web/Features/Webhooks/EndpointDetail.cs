using Community.Domain.Outbox;
using Community.Web.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Webhooks;

public static class EndpointDetail
{
    public sealed record AttemptRow(DateTimeOffset At, int? StatusCode, string? Error, int DurationMs);

    public sealed record DeliveryRow(
        long Id, string EventId, string Type, DeliveryStatus Status, int TotalAttempts, DateTimeOffset NextAttemptAt,
        int? LastStatusCode, string? LastError, DateTimeOffset? LastAttemptAt, DateTimeOffset? DeliveredAt, string? LeaseOwner,
        DateTimeOffset CreatedAt, string Payload)
    {
        public List<AttemptRow> Attempts { get; } = [];
    }

    public sealed record Model(
        int Id, string Url, string Description, string EventTypes, bool IsPaused, DateTimeOffset CreatedAt, bool IsRotating,
        DateTimeOffset? PreviousSecretExpiresAt, IReadOnlyList<DeliveryRow> Deliveries, int Total, int Page, int PageSize, int DeadCount);

    public sealed record Query(int Id, DeliveryStatus? Status, int Page, DateTimeOffset Now) : IQuery<Model?>;

    public const int PageSize = 50;

    public sealed class Handler(CommunityDb db) : IQueryHandler<Query, Model?>
    {
        public async ValueTask<Model?> Handle(Query q, CancellationToken ct)
        {
            var e = await db.WebhookEndpoints.AsNoTracking().FirstOrDefaultAsync(x => x.Id == q.Id, ct);
            if (e is null) return null;
            var deliveries = db.WebhookDeliveries.AsNoTracking().Where(d => d.EndpointId == q.Id && (q.Status == null || d.Status == q.Status));
            var total = await deliveries.CountAsync(ct);
            var dead = await db.WebhookDeliveries.CountAsync(d => d.EndpointId == q.Id && d.Status == DeliveryStatus.DeadLettered, ct);
            var page = Math.Clamp(q.Page, 1, 100_000);
            var rows = await (
                from d in deliveries
                join ev in db.OutboxEvents on d.OutboxEventId equals ev.Id
                orderby d.Id descending
                select new DeliveryRow(d.Id, ev.EventId, ev.Type, d.Status, d.TotalAttempts, d.NextAttemptAt, d.LastStatusCode, d.LastError,
                    d.LastAttemptAt, d.DeliveredAt, d.LeaseOwner, d.CreatedAt, ev.Payload))
                .Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
            var ids = rows.Select(r => r.Id).ToList();
            var attempts = await db.DeliveryAttempts.AsNoTracking().Where(a => ids.Contains(a.DeliveryId)).OrderBy(a => a.At)
                .Select(a => new { a.DeliveryId, Row = new AttemptRow(a.At, a.StatusCode, a.Error, a.DurationMs) }).ToListAsync(ct);
            foreach (var a in attempts) rows.First(r => r.Id == a.DeliveryId).Attempts.Add(a.Row);
            return new Model(e.Id, e.Url, e.Description, e.EventTypes, e.IsPaused, e.CreatedAt,
                e.PreviousSecret is not null && e.PreviousSecretExpiresAt > q.Now, e.PreviousSecretExpiresAt, rows, total, page, PageSize, dead);
        }
    }
}
