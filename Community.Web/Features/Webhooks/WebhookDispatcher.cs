using Community.Web.Infrastructure.Security;
using System.Diagnostics;
using System.Text;
using Community.Domain.Crm;
using Community.Web.Data;
using Community.Web.Features.Reputation;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Webhooks;

/// <summary>
/// Delivers the outbox. Each round claims due deliveries with a lease in one atomic UPDATE (so two dispatchers,
/// in one process or several instances, never hold the same delivery at once), sends them in parallel and records
/// each result. A dispatcher that dies leaves its lease to run out; the delivery is then claimed and sent again.
/// </summary>
public sealed class WebhookDispatcher(
    IServiceScopeFactory scopes, IHttpClientFactory httpClients, WebhookOptions options, RetrySchedule schedule,
    TimeProvider clock, SecretProtector secrets, ILogger<WebhookDispatcher> log) : BackgroundService
{
    public sealed record Work(long DeliveryId, string EventId, string Payload, string Url, IReadOnlyList<string> Secrets);

    public sealed record Outcome(int? StatusCode, string? Error, int DurationMs)
    {
        public bool IsSuccess => StatusCode is >= 200 and < 300;
    }

    /// <summary>Who holds a lease: unique per dispatcher, readable in the admin view.</summary>
    public string Owner { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.DispatcherEnabled) return;
        log.LogInformation("Webhook dispatcher {Owner} started", Owner);
        while (!stoppingToken.IsCancellationRequested)
        {
            var sent = 0;
            try
            {
                sent = await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogError(e, "Webhook dispatch round failed; retrying at the next poll.");
            }
            // A full batch means more is probably waiting: go again at once.
            if (sent < options.BatchSize)
                await Task.Delay(options.PollInterval, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
        }
    }

    /// <summary>Claims, sends and records one batch; returns how many deliveries were attempted.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var work = await ClaimAsync(options.BatchSize, ct);
        if (work.Count == 0) return 0;
        // Outcomes are recorded in small groups as they come in, so a slow receiver neither holds back the others'
        // results nor lets the batch's lease run out unrecorded. A crash before a group commits means those
        // deliveries are sent again (at-least-once).
        var done = System.Threading.Channels.Channel.CreateUnbounded<(Work, Outcome)>();
        var recorder = Task.Run(async () =>
        {
            var group = new List<(Work, Outcome)>();
            await foreach (var result in done.Reader.ReadAllAsync(CancellationToken.None))
            {
                group.Add(result);
                while (group.Count < 32 && done.Reader.TryRead(out var more)) group.Add(more);
                await RecordAsync(group, CancellationToken.None);
                group.Clear();
            }
        }, CancellationToken.None);
        try
        {
            await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxParallel), CancellationToken = ct },
                async (w, token) => await done.Writer.WriteAsync((w, await SendAsync(w, token)), CancellationToken.None));
        }
        finally
        {
            done.Writer.Complete();
            await recorder;
        }
        return work.Count;
    }

    /// <summary>Takes up to <paramref name="max"/> due deliveries of unpaused endpoints under this dispatcher's lease.</summary>
    public async Task<IReadOnlyList<Work>> ClaimAsync(int max, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDb>();
        var now = clock.GetUtcNow();
        // A cheap read first, so an idle dispatcher does not take the write lock every poll.
        var due = await db.WebhookDeliveries.AnyAsync(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now
            && (d.LeaseExpiresAt == null || d.LeaseExpiresAt <= now) && db.WebhookEndpoints.Any(e => e.Id == d.EndpointId && !e.IsPaused), ct);
        if (!due) return [];

        var nowValue = ReputationBook.StoredTime(now);
        var until = ReputationBook.StoredTime(now + options.EffectiveLease);
        // SQLite has one writer: the claim is atomic without row locks.
        var owner = Owner;
        // Only constants are spliced in; the values are parameters.
        var sql = $$"""
            UPDATE "WebhookDeliveries" SET "LeaseOwner" = {0}, "LeaseExpiresAt" = {1}
            WHERE "Id" IN (
                SELECT d."Id" FROM "WebhookDeliveries" d JOIN "WebhookEndpoints" e ON e."Id" = d."EndpointId"
                WHERE d."Status" = {{(int)DeliveryStatus.Pending}} AND d."NextAttemptAt" <= {2}
                  AND (d."LeaseExpiresAt" IS NULL OR d."LeaseExpiresAt" <= {2}) AND NOT e."IsPaused"
                ORDER BY d."NextAttemptAt", d."Id"
                LIMIT {3})
            RETURNING "Id" AS "Value"
            """;
        var ids = await db.Database.SqlQueryRaw<long>(sql, owner, until, nowValue, max).ToListAsync(ct);
        if (ids.Count == 0) return [];

        var rows = await (
            from d in db.WebhookDeliveries.AsNoTracking()
            join e in db.OutboxEvents on d.OutboxEventId equals e.Id
            join ep in db.WebhookEndpoints on d.EndpointId equals ep.Id
            where ids.Contains(d.Id) && d.LeaseOwner == owner
            orderby d.Id
            select new { d.Id, e.EventId, e.Payload, ep.Url, ep.Secret, ep.PreviousSecret, ep.PreviousSecretExpiresAt })
            .ToListAsync(ct);
        return rows.Select(r => new Work(r.Id, r.EventId, r.Payload, r.Url,
                new WebhookEndpoint { Url = r.Url, Secret = r.Secret, PreviousSecret = r.PreviousSecret, PreviousSecretExpiresAt = r.PreviousSecretExpiresAt }.SigningSecrets(now).Select(secrets.Unprotect).ToList()))
            .ToList();
    }

    /// <summary>One signed POST per the Standard Webhooks specification; every failure becomes an outcome, never an exception.</summary>
    public async Task<Outcome> SendAsync(Work work, CancellationToken ct)
    {
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, work.Url)
        {
            Content = new StringContent(work.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("webhook-id", work.EventId);
        request.Headers.TryAddWithoutValidation("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("webhook-signature", WebhookSignature.Header(work.Secrets, work.EventId, timestamp, work.Payload));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Timeout);
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await httpClients.CreateClient(WebhookSettings.HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var code = (int)response.StatusCode;
            if (code is >= 200 and < 300) return new Outcome(code, null, (int)watch.ElapsedMilliseconds);
            var body = await ReadSnippetAsync(response, timeout.Token);
            return new Outcome(code, $"The receiver answered {code} {response.ReasonPhrase}{(body.Length > 0 ? ": " + body : "")}", (int)watch.ElapsedMilliseconds);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new Outcome(null, $"No answer within {options.Timeout.TotalSeconds:0.#} s (timeout).", (int)watch.ElapsedMilliseconds);
        }
        catch (HttpRequestException e)
        {
            return new Outcome(null, e.InnerException is { } inner ? $"{e.Message} ({inner.Message})" : e.Message, (int)watch.ElapsedMilliseconds);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bad URL or secret fails this delivery (and is retried, then dead-lettered), never the whole batch.
            log.LogWarning(e, "Webhook {EventId} could not be sent", work.EventId);
            return new Outcome(null, $"Could not send: {e.Message}", (int)watch.ElapsedMilliseconds);
        }
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

    public Task RecordAsync(Work work, Outcome outcome, CancellationToken ct) => RecordAsync([(work, outcome)], ct);

    /// <summary>Writes the attempts and moves each delivery on, unless its lease was lost meanwhile (then only the attempt is logged).</summary>
    public async Task RecordAsync(IReadOnlyCollection<(Work Work, Outcome Outcome)> results, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDb>();
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var ids = results.Select(r => r.Work.DeliveryId).ToList();
        var deliveries = await db.WebhookDeliveries.Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, ct);
        foreach (var (work, outcome) in results)
        {
            // The endpoint (and its deliveries) may have been deleted while the request was in flight.
            if (!deliveries.TryGetValue(work.DeliveryId, out var delivery)) continue;
            db.DeliveryAttempts.Add(new DeliveryAttempt
            {
                DeliveryId = work.DeliveryId, At = now, StatusCode = outcome.StatusCode,
                Error = outcome.Error is { Length: > 600 } e ? e[..600] : outcome.Error, DurationMs = outcome.DurationMs,
            });
            if (delivery.Status != DeliveryStatus.Pending || delivery.LeaseOwner != Owner) continue;
            if (outcome.IsSuccess) delivery.Succeeded(outcome.StatusCode!.Value, now);
            else
            {
                delivery.Failed(outcome.StatusCode, outcome.Error ?? "Failed.", now, schedule, Random.Shared.NextDouble());
                if (delivery.Status == DeliveryStatus.DeadLettered)
                    log.LogWarning("Webhook {EventId} to endpoint {EndpointId} dead-lettered after {Attempts} attempts: {Error}", work.EventId, delivery.EndpointId, delivery.TotalAttempts, outcome.Error);
            }
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }
}
