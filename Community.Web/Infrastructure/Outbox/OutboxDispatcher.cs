using System.Threading.Channels;
using Community.Domain.Outbox;
using Community.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Infrastructure.Outbox;

/// <summary>How one kind of outbox message is sent: how often to look, how many at once, how long an attempt may take.</summary>
public sealed record OutboxChannelSettings(
    string Name, bool Enabled, TimeSpan PollInterval, int BatchSize, int MaxParallel, TimeSpan Timeout, TimeSpan Lease, RetrySchedule Schedule)
{
    /// <summary>An attempt starts only while the lease still covers it and its recording: its timeout twice.</summary>
    public TimeSpan NeededToStart => Timeout * 2;
}

/// <summary>What one attempt came to; every failure of a receiver becomes an outcome, never an exception.</summary>
public sealed record DeliveryOutcome(bool IsSuccess, int? StatusCode, string? Error, int DurationMs)
{
    public static DeliveryOutcome Sent(int? statusCode, int durationMs) => new(true, statusCode, null, durationMs);

    public static DeliveryOutcome Failure(int? statusCode, string error, int durationMs) => new(false, statusCode, error, durationMs);
}

/// <summary>A claimed message ready to send: which row, and which claim holds it.</summary>
public interface IOutboxWork
{
    long DeliveryId { get; }
    string Claim { get; }
}

/// <summary>
/// The one dispatcher framework behind webhooks and mail. A round claims due messages with a lease in one atomic
/// UPDATE (so two dispatchers, in one process or on several instances, never hold the same message at once), sends
/// them in parallel, and records each result as it comes, only while its claim still holds the row.
/// <list type="bullet">
/// <item>Prompt: a commit that writes outbox rows rings the <see cref="OutboxDoorbell"/>; polling is the fallback (and how other instances learn of work).</item>
/// <item>Ordered: rows with the same ordering key are claimed one at a time, in the order they were written (see <see cref="Claimable"/>).</item>
/// <item>Single: the lease is renewed while the round runs, and an attempt only starts while the lease outlasts its timeout and its recording, so a lease never runs out under a sender that is still at work.</item>
/// </list>
/// A dispatcher that dies leaves its lease to run out; the message is then claimed and sent again (at-least-once).
/// </summary>
public abstract class OutboxDispatcher<TDelivery, TWork>(IServiceScopeFactory scopes, OutboxDoorbell doorbell, TimeProvider clock, ILogger log)
    : BackgroundService
    where TDelivery : OutboxDelivery
    where TWork : IOutboxWork
{
    private long _claims;

    protected abstract OutboxChannelSettings Settings { get; }

    protected TimeProvider Clock => clock;

    /// <summary>Who holds a lease: unique per dispatcher, readable in the admin view; each claim adds its round number.</summary>
    public string Owner { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>The rows this channel may claim beyond "due and not leased": an endpoint that is not paused, an earlier message of the same key delivered.</summary>
    protected abstract IQueryable<TDelivery> Claimable(CommunityDb db);

    /// <summary>Reads what the claim took, with everything a send needs.</summary>
    protected abstract Task<IReadOnlyList<TWork>> LoadAsync(CommunityDb db, string claim, DateTimeOffset now, CancellationToken ct);

    /// <summary>One attempt. <paramref name="ct"/> ends at the channel's timeout; an exception counts as a failed attempt.</summary>
    protected abstract Task<DeliveryOutcome> SendOnceAsync(TWork work, CancellationToken ct);

    /// <summary>Called for every recorded attempt, also one whose lease was lost meanwhile (the webhook channel keeps a log of attempts).</summary>
    protected virtual void OnAttempt(CommunityDb db, TWork work, DeliveryOutcome outcome, DateTimeOffset now)
    {
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Settings.Enabled) return;
        log.LogInformation("{Channel} dispatcher {Owner} started", Settings.Name, Owner);
        while (!stoppingToken.IsCancellationRequested)
        {
            // Taken before looking, so a commit that lands while this round runs still wakes the next one.
            var rung = doorbell.Next;
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
                log.LogError(e, "{Channel} dispatch round failed; retrying at the next poll.", Settings.Name);
            }
            // Something was sent: more may be waiting (a full batch, or the next event of a person whose earlier one
            // just went out), so look again at once; only an empty round waits for the doorbell or the poll.
            if (sent > 0) continue;
            await Task.WhenAny(rung, Task.Delay(Settings.PollInterval, clock, stoppingToken)).ContinueWith(_ => { }, CancellationToken.None);
        }
    }

    /// <summary>Claims, sends and records one batch; returns how many messages were claimed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var claimedAt = clock.GetUtcNow();
        var work = await ClaimAsync(Settings.BatchSize, ct);
        if (work.Count == 0) return 0;
        var claim = work[0].Claim;
        var lease = new LeaseEnd(claimedAt + Settings.Lease);
        using var stopRenewing = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var renewal = RenewWhileSendingAsync(claim, lease, stopRenewing.Token);

        // Outcomes are recorded in small groups as they come in, so a slow receiver neither holds back the others'
        // results nor keeps them unrecorded. A crash before a group commits means those are sent again (at-least-once).
        var done = Channel.CreateUnbounded<(TWork, DeliveryOutcome)>();
        var skipped = 0;
        var recorder = Task.Run(async () =>
        {
            var group = new List<(TWork, DeliveryOutcome)>();
            await foreach (var result in done.Reader.ReadAllAsync(CancellationToken.None))
            {
                group.Add(result);
                while (group.Count < 32 && done.Reader.TryRead(out var more)) group.Add(more);
                try
                {
                    await RecordAsync(group, CancellationToken.None);
                }
                catch (Exception e)
                {
                    // The database is away: these leases run out and the messages are sent again.
                    log.LogError(e, "Recording {Count} {Channel} results failed", group.Count, Settings.Name);
                }
                group.Clear();
            }
        }, CancellationToken.None);
        try
        {
            await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Settings.MaxParallel), CancellationToken = ct },
                async (w, token) =>
                {
                    // Too late to start: the lease might end mid-send and another dispatcher send it too. Left for a later claim.
                    if (clock.GetUtcNow() + Settings.NeededToStart > lease.Value)
                    {
                        Interlocked.Increment(ref skipped);
                        return;
                    }
                    await done.Writer.WriteAsync((w, await SendAsync(w, token)), CancellationToken.None);
                });
        }
        finally
        {
            done.Writer.Complete();
            await recorder;
            await stopRenewing.CancelAsync();
            await renewal;
            if (skipped > 0 || ct.IsCancellationRequested) await ReleaseAsync(claim);
        }
        return work.Count;
    }

    /// <summary>Takes up to <paramref name="max"/> due messages under a new claim of this dispatcher.</summary>
    public async Task<IReadOnlyList<TWork>> ClaimAsync(int max, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDb>();
        var now = clock.GetUtcNow();
        var due = Claimable(db).Where(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now && (d.LeaseExpiresAt == null || d.LeaseExpiresAt <= now));
        // A cheap read first, so an idle dispatcher does not take the write lock every poll.
        if (!await due.AnyAsync(ct)) return [];

        var claim = $"{Owner}#{Interlocked.Increment(ref _claims)}";
        var until = now + Settings.Lease;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // PostgreSQL locks the chosen rows and skips rows another instance's claim holds (SkipLockedClaims); SQLite's
        // single writer makes the transaction exclusive anyway.
        var chosen = await due.OrderBy(d => d.NextAttemptAt).ThenBy(d => d.Id).Take(max).Select(d => d.Id)
            .TagWith(SkipLockedClaims.Tag).ToListAsync(ct);
        // The lease condition is repeated on the row itself: a row is never taken from a claim that still holds it.
        var claimed = chosen.Count == 0 ? 0 : await db.Set<TDelivery>()
            .Where(d => chosen.Contains(d.Id) && (d.LeaseExpiresAt == null || d.LeaseExpiresAt <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseOwner, claim).SetProperty(d => d.LeaseExpiresAt, until), ct);
        await tx.CommitAsync(ct);
        return claimed == 0 ? [] : await LoadAsync(db, claim, now, ct);
    }

    /// <summary>One attempt within the channel's timeout; a timeout or a sender's exception is a failed outcome.</summary>
    public async Task<DeliveryOutcome> SendAsync(TWork work, CancellationToken ct)
    {
        using var timeout = new CancellationTokenSource(Settings.Timeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        var started = clock.GetTimestamp();
        int Elapsed() => (int)clock.GetElapsedTime(started).TotalMilliseconds;
        try
        {
            return await SendOnceAsync(work, linked.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return DeliveryOutcome.Failure(null, $"No answer within {Settings.Timeout.TotalSeconds:0.#} s (timeout).", Elapsed());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bad address or secret fails this message (retried, then dead-lettered), never the whole batch.
            log.LogWarning("{Channel} message {Id} could not be sent: {Error}", Settings.Name, work.DeliveryId, e.Message);
            return DeliveryOutcome.Failure(null, e.InnerException is { } inner ? $"{e.Message} ({inner.Message})" : e.Message, Elapsed());
        }
    }

    public Task RecordAsync(TWork work, DeliveryOutcome outcome, CancellationToken ct) => RecordAsync([(work, outcome)], ct);

    /// <summary>Writes the attempts and moves each message on, unless its claim lost it meanwhile (then only the attempt is logged).</summary>
    public async Task RecordAsync(IReadOnlyCollection<(TWork Work, DeliveryOutcome Outcome)> results, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDb>();
        var metrics = scope.ServiceProvider.GetService<Observability.CommunityMetrics>();
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var ids = results.Select(r => r.Work.DeliveryId).ToList();
        var rows = await db.Set<TDelivery>().Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, ct);
        foreach (var (work, outcome) in results)
        {
            // The row (an endpoint and its deliveries) may have been deleted while the attempt was in flight.
            if (!rows.TryGetValue(work.DeliveryId, out var row)) continue;
            OnAttempt(db, work, outcome, now);
            if (!row.IsHeldBy(work.Claim)) continue;
            if (outcome.IsSuccess)
            {
                row.Succeeded(outcome.StatusCode, now);
                metrics?.Delivered(Settings.Name.ToLowerInvariant(), now - row.CreatedAt);
            }
            else
            {
                row.Failed(outcome.StatusCode, outcome.Error ?? "Failed.", now, Settings.Schedule, Random.Shared.NextDouble());
                if (row.Status == DeliveryStatus.DeadLettered)
                    log.LogWarning("{Channel} message {Id} dead-lettered after {Attempts} attempts: {Error}", Settings.Name, row.Id, row.TotalAttempts, outcome.Error);
            }
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    private sealed class LeaseEnd(DateTimeOffset value)
    {
        private long _ticks = value.UtcTicks;

        public DateTimeOffset Value => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

        public void Set(DateTimeOffset value) => Interlocked.Exchange(ref _ticks, value.UtcTicks);
    }

    /// <summary>After a renewal is stored and this round's own lease end moved with it (a signal for tests, which cannot see the round's memory).</summary>
    internal event Action? LeaseRenewed;

    /// <summary>Extends the claim's leases every third of the lease while the round runs; if that fails, no new attempt starts once the old lease gets short.</summary>
    private async Task RenewWhileSendingAsync(string claim, LeaseEnd lease, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                await Task.Delay(Settings.Lease / 3, clock, ct);
                var until = clock.GetUtcNow() + Settings.Lease;
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<CommunityDb>();
                await db.Set<TDelivery>().Where(d => d.LeaseOwner == claim && d.Status == DeliveryStatus.Pending)
                    .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseExpiresAt, until), CancellationToken.None);
                lease.Set(until);
                LeaseRenewed?.Invoke();
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogWarning(e, "Renewing the {Channel} lease {Claim} failed", Settings.Name, claim);
            }
        }
    }

    /// <summary>Gives back what the round did not send (started too late), so the next round need not wait for the lease.</summary>
    private async Task ReleaseAsync(string claim)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CommunityDb>();
            await db.Set<TDelivery>().Where(d => d.LeaseOwner == claim && d.Status == DeliveryStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseOwner, (string?)null).SetProperty(d => d.LeaseExpiresAt, (DateTimeOffset?)null), CancellationToken.None);
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Releasing the {Channel} claim {Claim} failed; its lease runs out instead", Settings.Name, claim);
        }
    }
}
