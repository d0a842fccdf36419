using Community.Domain.Outbox;

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

/// <summary>One event on its way to one endpoint; the lease, retries and ordering are <see cref="OutboxDelivery"/>'s.</summary>
public class WebhookDelivery : OutboxDelivery
{
    private WebhookDelivery()
    {
    }

    public WebhookDelivery(long outboxEventId, int endpointId, DateTimeOffset now, string? orderingKey = null) : base(now, orderingKey)
    {
        OutboxEventId = outboxEventId;
        EndpointId = endpointId;
    }

    public long OutboxEventId { get; private set; }
    public int EndpointId { get; private set; }
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
