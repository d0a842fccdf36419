using System.Data.Common;
using System.Runtime.CompilerServices;
using Community.Domain.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Community.Web.Infrastructure.Outbox;

/// <summary>
/// Wakes this instance's dispatchers the moment a commit has written outbox rows, so a kudos reaches the CRM in
/// milliseconds rather than at the next poll. Other instances still find the rows by polling.
/// </summary>
public sealed class OutboxDoorbell : Doorbell;

/// <summary>Wakes a background worker of this instance when there is work for it (<see cref="OutboxDoorbell"/>, <see cref="Features.Following.FanOutBell"/>).</summary>
public abstract class Doorbell
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next ring. Take it before looking for work, so a ring during the look is not missed.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Ring() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}

/// <summary>Rings the <see cref="OutboxDoorbell"/> after a save or transaction that added outbox rows has committed (never before).</summary>
public sealed class OutboxDoorbellInterceptor(OutboxDoorbell doorbell) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private sealed class Written;

    private readonly ConditionalWeakTable<DbContext, Written> _written = [];

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        if (eventData.Context?.Database.CurrentTransaction is null) RingFor(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context?.Database.CurrentTransaction is null) RingFor(eventData.Context);
        return result;
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        RingFor(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => RingFor(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        if (eventData.Context is { } context) _written.Remove(context);
        return Task.CompletedTask;
    }

    private void Note(DbContext? context)
    {
        if (context is null) return;
        // SaveChanges has just detected the changes; reading the entries must not detect them a second time.
        var tracker = context.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            if (tracker.Entries<OutboxDelivery>().Any(e => e.State == EntityState.Added)) _written.AddOrUpdate(context, new Written());
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }

    private void RingFor(DbContext? context)
    {
        if (context is not null && _written.Remove(context)) doorbell.Ring();
    }
}
