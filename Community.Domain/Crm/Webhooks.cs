namespace Community.Domain.Crm;

/// <summary>The event types a receiver can subscribe to; the contract is documented in docs/webhooks.md.</summary>
public static class WebhookEventTypes
{
    public const string ReputationCredited = "reputation.credited";
    public const string ReputationDebited = "reputation.debited";
    public const string HeroOfMonthAwarded = "hero_of_month.awarded";
    public const string AccountLinked = "account.linked";
    public const string AccountUnlinked = "account.unlinked";
    public const string ThreadEscalated = "thread.escalated";
    /// <summary>Sent only by an admin's "Send test event", only to that endpoint.</summary>
    public const string Test = "webhook.test";

    public static readonly string[] All = [ReputationCredited, ReputationDebited, HeroOfMonthAwarded, AccountLinked, AccountUnlinked, ThreadEscalated];
}

/// <summary>A receiver of webhooks, set up by an admin.</summary>
public class WebhookEndpoint
{
    public int Id { get; set; }
    public required string Url { get; set; }
    public string Description { get; set; } = "";
    /// <summary>Space-separated event types; empty means every type.</summary>
    public string EventTypes { get; set; } = "";
    public required string Secret { get; set; }
    /// <summary>After a rotation the old secret keeps signing too until this time, so receivers can switch over.</summary>
    public string? PreviousSecret { get; set; }
    public DateTimeOffset? PreviousSecretExpiresAt { get; set; }
    public bool IsPaused { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public IReadOnlyList<string> EventTypeList => EventTypes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public bool Accepts(string type) => type == WebhookEventTypes.Test || EventTypes.Length == 0 || EventTypeList.Contains(type);

    /// <summary>The secrets that sign a request sent at <paramref name="now"/>: the current one, then the previous one during the overlap.</summary>
    public IReadOnlyList<string> SigningSecrets(DateTimeOffset now) =>
        PreviousSecret is not null && PreviousSecretExpiresAt > now ? [Secret, PreviousSecret] : [Secret];

    public void RotateSecret(string newSecret, DateTimeOffset now, TimeSpan overlap)
    {
        PreviousSecret = overlap > TimeSpan.Zero ? Secret : null;
        PreviousSecretExpiresAt = overlap > TimeSpan.Zero ? now + overlap : null;
        Secret = newSecret;
    }

    /// <summary>Checks a space- or comma-separated list of event types; returns the normalised list or an error.</summary>
    public static (string? Normalised, string? Error) ParseEventTypes(string? input)
    {
        var types = (input ?? "").Split([' ', ',', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).Distinct().ToList();
        var unknown = types.Where(t => !WebhookEventTypes.All.Contains(t)).ToList();
        if (unknown.Count > 0) return (null, $"Unknown event type {string.Join(", ", unknown)}; known are {string.Join(", ", WebhookEventTypes.All)}.");
        return (string.Join(' ', types), null);
    }
}

/// <summary>One event, written in the same transaction as what it reports (the outbox). Its id is the webhook-id on every attempt.</summary>
public class OutboxEvent
{
    public long Id { get; set; }
    /// <summary>"msg_" + a time-ordered UUID: stable across retries so receivers can de-duplicate.</summary>
    public required string EventId { get; set; }
    public required string Type { get; set; }
    public required string Payload { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public static string NewEventId() => "msg_" + Guid.CreateVersion7().ToString("N");
}

public enum DeliveryStatus
{
    Pending = 0,
    Delivered = 1,
    DeadLettered = 2,
}

/// <summary>
/// One event on its way to one endpoint. A dispatcher claims it with a lease; if the dispatcher dies the lease
/// runs out and another one sends it again (at-least-once).
/// </summary>
public class WebhookDelivery
{
    public long Id { get; set; }
    public long OutboxEventId { get; set; }
    public int EndpointId { get; set; }
    public DeliveryStatus Status { get; set; }
    /// <summary>Failed attempts since the delivery was created or last replayed; drives the retry schedule.</summary>
    public int Failures { get; set; }
    public int TotalAttempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseExpiresAt { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public void Succeeded(int statusCode, DateTimeOffset now)
    {
        TotalAttempts++;
        Status = DeliveryStatus.Delivered;
        LastStatusCode = statusCode;
        LastError = null;
        LastAttemptAt = now;
        DeliveredAt = now;
        LeaseOwner = null;
        LeaseExpiresAt = null;
    }

    /// <summary>Schedules the next attempt, or dead-letters the delivery when the schedule is used up.</summary>
    public void Failed(int? statusCode, string error, DateTimeOffset now, RetrySchedule schedule, double random01)
    {
        TotalAttempts++;
        Failures++;
        LastStatusCode = statusCode;
        LastError = error.Length > 500 ? error[..500] : error;
        LastAttemptAt = now;
        LeaseOwner = null;
        LeaseExpiresAt = null;
        if (schedule.Next(Failures, now, random01) is { } next) NextAttemptAt = next;
        else Status = DeliveryStatus.DeadLettered;
    }

    /// <summary>An admin sends a dead-lettered delivery again, with a fresh retry schedule.</summary>
    public void Replay(DateTimeOffset now)
    {
        if (Status != DeliveryStatus.DeadLettered) throw new DomainException("Only dead-lettered deliveries can be replayed.");
        Status = DeliveryStatus.Pending;
        Failures = 0;
        NextAttemptAt = now;
    }
}

/// <summary>The record of one HTTP attempt, for the admin's delivery view.</summary>
public class DeliveryAttempt
{
    public long Id { get; set; }
    public long DeliveryId { get; set; }
    public DateTimeOffset At { get; set; }
    public int? StatusCode { get; set; }
    public string? Error { get; set; }
    public int DurationMs { get; set; }
}
