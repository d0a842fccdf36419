using System.Diagnostics.Metrics;

namespace Community.Web.Infrastructure.Observability;

/// <summary>
/// The forum's own metrics, meter "Community" (exported over OTLP when OpenTelemetry:Endpoint is set, readable
/// with dotnet-counters otherwise): page-cache hits and misses, the outbox per channel and webhook endpoint
/// (pending, dead-lettered, age of the oldest pending message, delivery lag), and background job runs. Requests
/// per page come from ASP.NET Core's own http.server.request.duration (tag http.route).
/// </summary>
public sealed class CommunityMetrics
{
    public const string MeterName = "Community";

    private readonly Counter<long> pageCache;
    private readonly Histogram<double> deliveryLag;
    private readonly Counter<long> jobRuns;
    private volatile OutboxSnapshot snapshot = OutboxSnapshot.Empty;

    public CommunityMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        pageCache = meter.CreateCounter<long>("community.page_cache.requests", "{request}",
            "Anonymous page requests the output cache could answer, by result (hit, miss).");
        deliveryLag = meter.CreateHistogram<double>("community.outbox.delivery_lag", "s",
            "From a message's creation to its delivery, by channel (webhook, mail).");
        jobRuns = meter.CreateCounter<long>("community.job.runs", "{run}", "Background job runs, by job and outcome (ok, failed).");
        meter.CreateObservableGauge("community.outbox.pending", () => snapshot.Pending, "{message}",
            "Messages waiting to be sent, by channel and webhook endpoint.");
        meter.CreateObservableGauge("community.outbox.dead_lettered", () => snapshot.DeadLettered, "{message}",
            "Messages given up on (they wait for a replay), by channel and webhook endpoint.");
        meter.CreateObservableGauge("community.outbox.oldest_pending_age", () => snapshot.OldestAge, "s",
            "Age of the oldest message still waiting, by channel and webhook endpoint.");
    }

    public void PageCacheHit() => pageCache.Add(1, new KeyValuePair<string, object?>("result", "hit"));

    public void PageCacheMiss() => pageCache.Add(1, new KeyValuePair<string, object?>("result", "miss"));

    public void Delivered(string channel, TimeSpan lag) => deliveryLag.Record(Math.Max(0, lag.TotalSeconds), new KeyValuePair<string, object?>("channel", channel));

    public void JobRan(string job, bool ok) =>
        jobRuns.Add(1, new KeyValuePair<string, object?>("job", job), new KeyValuePair<string, object?>("outcome", ok ? "ok" : "failed"));

    /// <summary>What the outbox gauges report until the next refresh (<see cref="OutboxGauges"/>).</summary>
    public void Show(OutboxSnapshot next) => snapshot = next;

    public OutboxSnapshot Current => snapshot;
}

/// <summary>One reading of the outbox: a measurement per channel and endpoint.</summary>
public sealed record OutboxSnapshot(
    IReadOnlyList<Measurement<long>> Pending, IReadOnlyList<Measurement<long>> DeadLettered, IReadOnlyList<Measurement<double>> OldestAge)
{
    public static readonly OutboxSnapshot Empty = new([], [], []);
}
