using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Community.Domain.Crm;
using Community.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Webhooks;

/// <summary>
/// Writes events into the outbox inside the caller's transaction: one event row and one delivery per endpoint that
/// wants the type. Nothing is sent here; <see cref="WebhookDispatcher"/> delivers after the transaction commits.
/// </summary>
public sealed class Outbox(CommunityDb db, TimeProvider clock)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new UtcTimeConverter() },
    };

    /// <summary>Times go out as UTC with a "Z" ("2026-11-23T09:15:02.123Z"), the form every receiver's parser reads.</summary>
    private sealed class UtcTimeConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDateTimeOffset();

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
    }

    /// <summary>The envelope every receiver gets: {"id", "type", "timestamp", "data"}.</summary>
    public sealed record Envelope(string Id, string Type, DateTimeOffset Timestamp, object Data);

    /// <summary>
    /// Events with the same <paramref name="orderingKey"/> (a person's account events) reach each endpoint in the order
    /// they are enqueued; the rest as they come.
    /// </summary>
    public async Task<OutboxEvent> EnqueueAsync(string type, object data, CancellationToken ct, int? onlyEndpointId = null, string? orderingKey = null)
    {
        var now = clock.GetUtcNow();
        var id = OutboxEvent.NewEventId();
        var evt = new OutboxEvent
        {
            EventId = id, Type = type, CreatedAt = now,
            Payload = JsonSerializer.Serialize(new Envelope(id, type, now, data), Json),
        };
        db.OutboxEvents.Add(evt);
        await db.SaveChangesAsync(ct);

        var endpoints = await db.WebhookEndpoints.AsNoTracking()
            .Where(e => onlyEndpointId == null || e.Id == onlyEndpointId)
            .Select(e => new { e.Id, e.EventTypes, e.Url, e.Secret })
            .ToListAsync(ct);
        foreach (var endpoint in endpoints)
        {
            if (!new WebhookEndpoint { Url = endpoint.Url, Secret = endpoint.Secret, EventTypes = endpoint.EventTypes }.Accepts(type)) continue;
            db.WebhookDeliveries.Add(new WebhookDelivery(evt.Id, endpoint.Id, now, orderingKey));
        }
        await db.SaveChangesAsync(ct);
        return evt;
    }
}
