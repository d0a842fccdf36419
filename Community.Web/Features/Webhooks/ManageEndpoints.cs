using Community.Domain;
using Community.Domain.Crm;
using Community.Web.Data;
using Community.Web.Infrastructure;
using Community.Web.Infrastructure.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Webhooks;

/// <summary>An admin adds a receiver; the secret is returned once and only shown then.</summary>
public static class AddEndpoint
{
    public sealed record Command(string? Url, string? Description, string? EventTypes) : ICommand<(int Id, string Secret)>, IValidate, IValidateAsync
    {
        public async ValueTask<(string Field, string Message)?> ValidateAsync(IServiceProvider services, CancellationToken ct) =>
            await EndpointHostCheck.CheckAsync(Url, services.GetRequiredService<WebhookOptions>(), ct) is { } error ? ("Url", error) : null;

        public IEnumerable<(string Field, string Message)> Validate()
        {
            if (string.IsNullOrWhiteSpace(Url)) yield return ("Url", "Enter the receiver's URL.");
            else if (Url.Trim().Length > 2000) yield return ("Url", "The URL must be at most 2000 characters long.");
            if (WebhookEndpoint.ParseEventTypes(EventTypes).Error is { } typeError) yield return ("EventTypes", typeError);
            if ((Description?.Trim().Length ?? 0) > 200) yield return ("Description", "The description must be at most 200 characters long.");
        }
    }

    public sealed class Handler(CommunityDb db, TimeProvider clock, SecretProtector secrets) : ICommandHandler<Command, (int Id, string Secret)>
    {
        public async ValueTask<(int Id, string Secret)> Handle(Command cmd, CancellationToken ct)
        {
            var secret = WebhookSignature.NewSecret();
            var endpoint = new WebhookEndpoint
            {
                Url = cmd.Url!.Trim(), Description = cmd.Description?.Trim() ?? "", EventTypes = WebhookEndpoint.ParseEventTypes(cmd.EventTypes).Normalised!,
                Secret = secrets.Protect(secret), CreatedAt = clock.GetUtcNow(),
            };
            db.WebhookEndpoints.Add(endpoint);
            await db.SaveChangesAsync(ct);
            return (endpoint.Id, secret);
        }
    }
}

/// <summary>
/// A name that resolves only to forbidden addresses is refused when an admin saves it. Runs as the commands' async
/// validation, outside their transaction, so a slow DNS answer never holds the database's write lock; the connect-time
/// check covers later changes.
/// </summary>
public static class EndpointHostCheck
{
    public static async Task<string?> CheckAsync(string? url, WebhookOptions options, CancellationToken ct)
    {
        var policy = options.AddressPolicy;
        if (policy.CheckUrl(url) is { } error) return error;
        var host = new Uri(url!.Trim()).DnsSafeHost;
        if (System.Net.IPAddress.TryParse(host, out _)) return null;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            var addresses = await System.Net.Dns.GetHostAddressesAsync(host, timeout.Token);
            return addresses.Length > 0 && !addresses.Any(policy.IsAllowed)
                ? $"{host} resolves to an internal address. " + EndpointAddressPolicy.RefusedAddressMessage
                : null;
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or OperationCanceledException)
        {
            return null; // not resolvable yet (a receiver set up later): deliveries retry until it is, and connect refuses internal addresses
        }
    }
}

public static class UpdateEndpoint
{
    public sealed record Command(int EndpointId, string? Description, string? EventTypes, bool? Paused, string? Url = null) : ICommand, IValidate, IValidateAsync
    {
        public async ValueTask<(string Field, string Message)?> ValidateAsync(IServiceProvider services, CancellationToken ct) =>
            Url is not null && await EndpointHostCheck.CheckAsync(Url, services.GetRequiredService<WebhookOptions>(), ct) is { } error ? ("Url", error) : null;

        public IEnumerable<(string Field, string Message)> Validate()
        {
            if (Url is not null && string.IsNullOrWhiteSpace(Url)) yield return ("Url", "Enter the receiver's URL.");
            if (EventTypes is not null && WebhookEndpoint.ParseEventTypes(EventTypes).Error is { } typeError) yield return ("EventTypes", typeError);
            if ((Description?.Trim().Length ?? 0) > 200) yield return ("Description", "The description must be at most 200 characters long.");
        }
    }

    /// <summary>Pausing holds deliveries (they wait, nothing is lost); resuming sends them.</summary>
    public sealed class Handler(CommunityDb db) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command cmd, CancellationToken ct)
        {
            var endpoint = await db.WebhookEndpoints.FindAsync([cmd.EndpointId], ct) ?? throw new NotFoundException("That endpoint does not exist.");
            if (cmd.Description is not null) endpoint.Description = cmd.Description.Trim();
            // Moving the receiver keeps its waiting deliveries: they go to the new address.
            if (cmd.Url is not null) endpoint.Url = cmd.Url.Trim();
            if (cmd.EventTypes is not null) endpoint.EventTypes = WebhookEndpoint.ParseEventTypes(cmd.EventTypes).Normalised!;
            if (cmd.Paused is { } paused) endpoint.IsPaused = paused;
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }
    }
}

public static class RotateSecret
{
    public sealed record Command(int EndpointId) : ICommand<string>;

    /// <summary>The old secret keeps signing (a second signature) for the configured overlap.</summary>
    public sealed class Handler(CommunityDb db, TimeProvider clock, WebhookOptions options, SecretProtector secrets) : ICommandHandler<Command, string>
    {
        public async ValueTask<string> Handle(Command cmd, CancellationToken ct)
        {
            var endpoint = await db.WebhookEndpoints.FindAsync([cmd.EndpointId], ct) ?? throw new NotFoundException("That endpoint does not exist.");
            var secret = WebhookSignature.NewSecret();
            endpoint.RotateSecret(secrets.Protect(secret), clock.GetUtcNow(), options.SecretRotationOverlap);
            await db.SaveChangesAsync(ct);
            return secret;
        }
    }
}

public static class DeleteEndpoint
{
    /// <summary>Deleting drops undelivered events for this receiver, so it needs <paramref name="Force"/> while any are waiting.</summary>
    public sealed record Command(int EndpointId, bool Force = true) : ICommand;

    public sealed class Handler(CommunityDb db) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command cmd, CancellationToken ct)
        {
            var waiting = await db.WebhookDeliveries.CountAsync(d => d.EndpointId == cmd.EndpointId && d.Status != DeliveryStatus.Delivered, ct);
            if (waiting > 0 && !cmd.Force)
                throw new DomainException($"{waiting} {(waiting == 1 ? "event has" : "events have")} not been delivered to this endpoint yet and would be lost. Change its URL or pause it instead, or confirm the deletion.");
            var deleted = await db.WebhookEndpoints.Where(e => e.Id == cmd.EndpointId).ExecuteDeleteAsync(ct);
            if (deleted == 0) throw new NotFoundException("That endpoint does not exist.");
            return Unit.Value;
        }
    }
}

public static class SendTestEvent
{
    public sealed record Command(int EndpointId, string AdminName) : ICommand<string>, IRateLimited
    {
        string IRateLimited.RateLimitPolicy => RateLimitPolicies.WebhookTest;
        string IRateLimited.RateLimitKey => AdminName;
    }

    public sealed class Handler(CommunityDb db, Outbox outbox) : ICommandHandler<Command, string>
    {
        public async ValueTask<string> Handle(Command cmd, CancellationToken ct)
        {
            if (!await db.WebhookEndpoints.AnyAsync(e => e.Id == cmd.EndpointId, ct)) throw new NotFoundException("That endpoint does not exist.");
            var evt = await outbox.EnqueueAsync(WebhookEventTypes.Test, new { message = "A test event sent from the admin pages.", sentBy = cmd.AdminName }, ct, cmd.EndpointId);
            return evt.EventId;
        }
    }
}

public static class ReplayDeadLetters
{
    /// <summary>Replays one delivery, or with no id every dead-lettered delivery (of one endpoint, or of all).</summary>
    public sealed record Command(long? DeliveryId, int? EndpointId) : ICommand<int>;

    public sealed class Handler(CommunityDb db, TimeProvider clock) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command cmd, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            if (cmd.DeliveryId is { } id)
            {
                var delivery = await db.WebhookDeliveries.FirstOrDefaultAsync(d => d.Id == id && (cmd.EndpointId == null || d.EndpointId == cmd.EndpointId), ct)
                    ?? throw new NotFoundException("That delivery does not exist.");
                delivery.Replay(now);
                await db.SaveChangesAsync(ct);
                return 1;
            }
            return await db.WebhookDeliveries
                .Where(d => d.Status == DeliveryStatus.DeadLettered && (cmd.EndpointId == null || d.EndpointId == cmd.EndpointId))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(d => d.Status, DeliveryStatus.Pending)
                    .SetProperty(d => d.Failures, 0)
                    .SetProperty(d => d.NextAttemptAt, now), ct);
        }
    }
}
