using System.Diagnostics.Metrics;
using Community.Domain.Outbox;
using Community.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Infrastructure.Observability;

/// <summary>
/// Reads the outbox every <see cref="Interval"/> for the gauges, so an exporter's collection never waits on the
/// database: per webhook endpoint and for mail, how many messages wait, how many were given up on, and how old
/// the oldest waiting one is.
/// </summary>
public sealed class OutboxGauges(IServiceScopeFactory scopes, CommunityMetrics metrics, TimeProvider clock, ILogger<OutboxGauges> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "The outbox gauges could not be read; they keep their last values.");
            }
            try { await Task.Delay(Interval, clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    public async Task RefreshAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDb>();
        var now = clock.GetUtcNow();
        var hooks = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.Status == DeliveryStatus.Pending || d.Status == DeliveryStatus.DeadLettered)
            .GroupBy(d => new { d.EndpointId, d.Status })
            .Select(g => new { g.Key.EndpointId, g.Key.Status, Count = g.Count(), Oldest = g.Min(d => d.CreatedAt) })
            .ToListAsync(ct);
        var names = await db.WebhookEndpoints.AsNoTracking().Select(e => e.Id).ToDictionaryAsync(id => id, id => id.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
        var mail = await db.OutgoingMails.AsNoTracking()
            .Where(d => d.Status == DeliveryStatus.Pending || d.Status == DeliveryStatus.DeadLettered)
            .GroupBy(d => d.Status)
            .Select(g => new { Status = g.Key, Count = g.Count(), Oldest = g.Min(d => d.CreatedAt) })
            .ToListAsync(ct);

        var rows = hooks.Select(h => (Tags: Tags("webhook", h.EndpointId.ToString(System.Globalization.CultureInfo.InvariantCulture)), h.Status, h.Count, h.Oldest))
            .Concat(mail.Select(m => (Tags: Tags("mail", null), m.Status, m.Count, m.Oldest)))
            .ToList();
        // Every endpoint reports, with 0 when nothing waits, so a graph falls back to zero instead of stopping.
        var channels = names.Values.Select(n => Tags("webhook", n)).Append(Tags("mail", null)).ToList();
        long CountOf(KeyValuePair<string, object?>[] tags, DeliveryStatus status) =>
            rows.Where(r => r.Status == status && SameTags(r.Tags, tags)).Sum(r => (long)r.Count);
        metrics.Show(new OutboxSnapshot(
            channels.Select(t => new Measurement<long>(CountOf(t, DeliveryStatus.Pending), t)).ToList(),
            channels.Select(t => new Measurement<long>(CountOf(t, DeliveryStatus.DeadLettered), t)).ToList(),
            channels.Select(t => new Measurement<double>(
                rows.Where(r => r.Status == DeliveryStatus.Pending && SameTags(r.Tags, t)).Select(r => (now - r.Oldest).TotalSeconds).DefaultIfEmpty(0).Max(), t)).ToList()));
    }

    private static KeyValuePair<string, object?>[] Tags(string channel, string? endpoint) =>
        endpoint is null ? [new("channel", channel)] : [new("channel", channel), new("endpoint", endpoint)];

    private static bool SameTags(KeyValuePair<string, object?>[] a, KeyValuePair<string, object?>[] b) => a.SequenceEqual(b);
}
