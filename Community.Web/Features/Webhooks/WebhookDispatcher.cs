using System.Globalization;
using System.Text;
using Community.Domain.Crm;
using Community.Domain.Outbox;
using Community.Web.Data;
using Community.Web.Infrastructure.Outbox;
using Community.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Webhooks;

/// <summary>
/// The webhook channel of the outbox (claiming, leases, retries and dead letters are <see cref="OutboxDispatcher{TDelivery, TWork}"/>'s):
/// one signed POST per delivery after the Standard Webhooks specification, one person's events to an endpoint in the
/// order they were written, paused endpoints left alone, every attempt logged for the admin's delivery view.
/// </summary>
public sealed class WebhookDispatcher(
    IServiceScopeFactory scopes, IHttpClientFactory httpClients, WebhookOptions options, RetrySchedule schedule,
    TimeProvider clock, SecretProtector secrets, OutboxDoorbell doorbell, ILogger<WebhookDispatcher> log)
    : OutboxDispatcher<WebhookDelivery, WebhookDispatcher.Work>(scopes, doorbell, clock, log)
{
    public sealed record Work(long DeliveryId, string Claim, string EventId, string Payload, string Url, IReadOnlyList<string> Secrets) : IOutboxWork;

    protected override OutboxChannelSettings Settings { get; } = new(
        "Webhook", options.DispatcherEnabled, options.PollInterval, options.BatchSize, options.MaxParallel, options.Timeout, options.EffectiveLease, schedule);

    /// <summary>
    /// Not paused, and no earlier delivery of the same ordering key (a person's account events) to the same endpoint
    /// still undelivered: a failing account.linked holds back that person's credits, nobody else's.
    /// </summary>
    protected override IQueryable<WebhookDelivery> Claimable(CommunityDb db) =>
        db.WebhookDeliveries.Where(d => db.WebhookEndpoints.Any(e => e.Id == d.EndpointId && !e.IsPaused)
            && (d.OrderingKey == null || !db.WebhookDeliveries.Any(p =>
                p.EndpointId == d.EndpointId && p.OrderingKey == d.OrderingKey && p.Id < d.Id && p.Status != DeliveryStatus.Delivered)));

    protected override async Task<IReadOnlyList<Work>> LoadAsync(CommunityDb db, string claim, DateTimeOffset now, CancellationToken ct)
    {
        var rows = await (
            from d in db.WebhookDeliveries.AsNoTracking()
            join e in db.OutboxEvents on d.OutboxEventId equals e.Id
            join ep in db.WebhookEndpoints on d.EndpointId equals ep.Id
            where d.LeaseOwner == claim
            orderby d.Id
            select new { d.Id, e.EventId, e.Payload, ep.Url, ep.Secret, ep.PreviousSecret, ep.PreviousSecretExpiresAt })
            .ToListAsync(ct);
        return rows.Select(r => new Work(r.Id, claim, r.EventId, r.Payload, r.Url,
                new WebhookEndpoint { Url = r.Url, Secret = r.Secret, PreviousSecret = r.PreviousSecret, PreviousSecretExpiresAt = r.PreviousSecretExpiresAt }
                    .SigningSecrets(now).Select(secrets.Unprotect).ToList()))
            .ToList();
    }

    protected override async Task<DeliveryOutcome> SendOnceAsync(Work work, CancellationToken ct)
    {
        var timestamp = Clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, work.Url)
        {
            Content = new StringContent(work.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("webhook-id", work.EventId);
        request.Headers.TryAddWithoutValidation("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("webhook-signature", WebhookSignature.Header(work.Secrets, work.EventId, timestamp, work.Payload));

        var started = Clock.GetTimestamp();
        int Elapsed() => (int)Clock.GetElapsedTime(started).TotalMilliseconds;
        using var response = await httpClients.CreateClient(WebhookSettings.HttpClientName)
            .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        var code = (int)response.StatusCode;
        if (code is >= 200 and < 300) return DeliveryOutcome.Sent(code, Elapsed());
        var body = await ReadSnippetAsync(response, ct);
        return DeliveryOutcome.Failure(code, $"The receiver answered {code} {response.ReasonPhrase}{(body.Length > 0 ? ": " + body : "")}", Elapsed());
    }

    private static async Task<string> ReadSnippetAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            // A short, plain-text excerpt: enough to see the receiver's reason, too little to read a service through
            // the admin page; control characters are dropped and the page HTML-encodes the rest.
            var buffer = new char[200];
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
            var n = await reader.ReadBlockAsync(buffer.AsMemory(), ct);
            return new string(buffer.AsSpan(0, n).ToArray().Where(c => !char.IsControl(c) || c == ' ').ToArray()).Trim();
        }
        catch (Exception e) when (e is IOException or HttpRequestException or OperationCanceledException)
        {
            return "";
        }
    }

    protected override void OnAttempt(CommunityDb db, Work work, DeliveryOutcome outcome, DateTimeOffset now) =>
        db.DeliveryAttempts.Add(new DeliveryAttempt
        {
            DeliveryId = work.DeliveryId, At = now, StatusCode = outcome.StatusCode,
            Error = outcome.Error is { Length: > 600 } e ? e[..600] : outcome.Error, DurationMs = outcome.DurationMs,
        });
}
