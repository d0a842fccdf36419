using Community.Domain;
using Community.Domain.Crm;
using Community.Web.Data;
using Community.Web.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Webhooks;

/// <summary>An admin adds a receiver; the secret is returned once and only shown then.</summary>
public static class AddEndpoint
{
    public sealed record Command(string? Url, string? Description, string? EventTypes) : ICommand<(int Id, string Secret)>, IValidate
    {
        public IEnumerable<(string Field, string Message)> Validate()
        {
            if (EndpointAddressPolicy.CheckUrl(Url) is { } urlError) yield return ("Url", urlError);
            else if (Url!.Trim().Length > 2000) yield return ("Url", "The URL must be at most 2000 characters long.");
            if (WebhookEndpoint.ParseEventTypes(EventTypes).Error is { } typeError) yield return ("EventTypes", typeError);
            if ((Description?.Trim().Length ?? 0) > 200) yield return ("Description", "The description must be at most 200 characters long.");
        }
    }

    public sealed class Handler(CommunityDb db, TimeProvider clock, WebhookOptions options) : ICommandHandler<Command, (int Id, string Secret)>
    {
        public async ValueTask<(int Id, string Secret)> Handle(Command cmd, CancellationToken ct)
        {
            if (!options.AllowLinkLocalAddresses) await RefuseForbiddenHostAsync(cmd.Url!, ct);
            var endpoint = new WebhookEndpoint
            {
                Url = cmd.Url!.Trim(), Description = cmd.Description?.Trim() ?? "", EventTypes = WebhookEndpoint.ParseEventTypes(cmd.EventTypes).Normalised!,
                Secret = WebhookSignature.NewSecret(), CreatedAt = clock.GetUtcNow(),
            };
            db.WebhookEndpoints.Add(endpoint);
            await db.SaveChangesAsync(ct);
            return (endpoint.Id, endpoint.Secret);
        }

        /// <summary>A name that resolves to a metadata address now is refused at once; the connect-time check covers later changes.</summary>
        private static async Task RefuseForbiddenHostAsync(string url, CancellationToken ct)
        {
            var host = new Uri(url.Trim()).DnsSafeHost;
            if (System.Net.IPAddress.TryParse(host, out _)) return;
            try
            {
                var addresses = await System.Net.Dns.GetHostAddressesAsync(host, ct);
                if (addresses.Length > 0 && addresses.All(EndpointAddressPolicy.IsForbidden))
                    throw ValidationFailedException.For("Url", $"{host} resolves to a link-local or cloud metadata address, which is not allowed.");
            }
            catch (System.Net.Sockets.SocketException)
            {
                // Not resolvable yet (a receiver set up later): allowed; deliveries retry until it is.
            }
        }
    }
}

public static class UpdateEndpoint
{
    public sealed record Command(int EndpointId, string? Description, string? EventTypes, bool? Paused) : ICommand, IValidate
    {
        public IEnumerable<(string Field, string Message)> Validate()
        {
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
    public sealed class Handler(CommunityDb db, TimeProvider clock, WebhookOptions options) : ICommandHandler<Command, string>
    {
        public async ValueTask<string> Handle(Command cmd, CancellationToken ct)
        {
            var endpoint = await db.WebhookEndpoints.FindAsync([cmd.EndpointId], ct) ?? throw new NotFoundException("That endpoint does not exist.");
            var secret = WebhookSignature.NewSecret();
            endpoint.RotateSecret(secret, clock.GetUtcNow(), options.SecretRotationOverlap);
            await db.SaveChangesAsync(ct);
            return secret;
        }
    }
}

public static class DeleteEndpoint
{
    public sealed record Command(int EndpointId) : ICommand;

    public sealed class Handler(CommunityDb db) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command cmd, CancellationToken ct)
        {
            var deleted = await db.WebhookEndpoints.Where(e => e.Id == cmd.EndpointId).ExecuteDeleteAsync(ct);
            if (deleted == 0) throw new NotFoundException("That endpoint does not exist.");
            return Unit.Value;
        }
    }
}

public static class SendTestEvent
{
    public sealed record Command(int EndpointId, string AdminName) : ICommand<string>;

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
                var delivery = await db.WebhookDeliveries.FindAsync([id], ct) ?? throw new NotFoundException("That delivery does not exist.");
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
