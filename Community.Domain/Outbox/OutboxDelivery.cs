namespace Community.Domain.Outbox;

public enum DeliveryStatus
{
    Pending = 0,
    Delivered = 1,
    DeadLettered = 2,
}

/// <summary>
/// One message on its way to one receiver (a webhook endpoint, a mailbox), written in the transaction that makes it
/// true. A dispatcher claims it with a lease; if the dispatcher dies the lease runs out and another one sends it again
/// (at-least-once). Failures are retried on a schedule, then the message is dead-lettered until an admin replays it.
/// </summary>
public abstract class OutboxDelivery
{
    public const int MaxErrorLength = 500;

    protected OutboxDelivery()
    {
    }

    protected OutboxDelivery(DateTimeOffset now, string? orderingKey)
    {
        CreatedAt = now;
        NextAttemptAt = now;
        OrderingKey = orderingKey;
    }

    public long Id { get; protected set; }
    public DeliveryStatus Status { get; protected set; }
    /// <summary>
    /// Messages with the same key (one person's account events) go to a receiver in the order they were written: a
    /// message is only claimed once every earlier one with its key has been delivered.
    /// </summary>
    public string? OrderingKey { get; protected set; }
    /// <summary>Failed attempts since the message was created or last replayed; drives the retry schedule.</summary>
    public int Failures { get; protected set; }
    public int TotalAttempts { get; protected set; }
    public DateTimeOffset NextAttemptAt { get; protected set; }
    /// <summary>The claim (dispatcher and round) that may send this message until <see cref="LeaseExpiresAt"/>.</summary>
    public string? LeaseOwner { get; protected set; }
    public DateTimeOffset? LeaseExpiresAt { get; protected set; }
    public int? LastStatusCode { get; protected set; }
    public string? LastError { get; protected set; }
    public DateTimeOffset? LastAttemptAt { get; protected set; }
    public DateTimeOffset? DeliveredAt { get; protected set; }
    public DateTimeOffset CreatedAt { get; protected set; }

    public bool IsDue(DateTimeOffset now) =>
        Status == DeliveryStatus.Pending && NextAttemptAt <= now && (LeaseExpiresAt is null || LeaseExpiresAt <= now);

    /// <summary>Whether an attempt's result may still move this message on: only while the claim that sent it holds it.</summary>
    public bool IsHeldBy(string claim) => Status == DeliveryStatus.Pending && LeaseOwner == claim;

    public void Succeeded(int? statusCode, DateTimeOffset now)
    {
        TotalAttempts++;
        Status = DeliveryStatus.Delivered;
        LastStatusCode = statusCode;
        LastError = null;
        LastAttemptAt = now;
        DeliveredAt = now;
        ReleaseLease();
    }

    /// <summary>Schedules the next attempt, or dead-letters the message when the schedule is used up.</summary>
    public void Failed(int? statusCode, string error, DateTimeOffset now, RetrySchedule schedule, double random01)
    {
        TotalAttempts++;
        Failures++;
        LastStatusCode = statusCode;
        LastError = error.Length > MaxErrorLength ? error[..MaxErrorLength] : error;
        LastAttemptAt = now;
        ReleaseLease();
        if (schedule.Next(Failures, now, random01) is { } next) NextAttemptAt = next;
        else Status = DeliveryStatus.DeadLettered;
    }

    /// <summary>An admin sends a dead-lettered message again, with a fresh retry schedule.</summary>
    public void Replay(DateTimeOffset now)
    {
        if (Status != DeliveryStatus.DeadLettered) throw new DomainException("Only dead-lettered deliveries can be replayed.");
        Status = DeliveryStatus.Pending;
        Failures = 0;
        NextAttemptAt = now;
    }

    private void ReleaseLease()
    {
        LeaseOwner = null;
        LeaseExpiresAt = null;
    }
}
