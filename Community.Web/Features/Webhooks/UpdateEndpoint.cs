using Community.Domain;
using Community.Domain.Crm;
using Community.Web.Data;
using Community.Web.Infrastructure;
using Mediator;

namespace Community.Web.Features.Webhooks;

public static class UpdateEndpoint
{
    public sealed record Command(int EndpointId, string? Description, string? EventTypes, bool? Paused, string? Url = null) : ICommand, IValidate, IValidateAsync
    {
        public async ValueTask<(string Field, UiMessage Message)?> ValidateAsync(IServiceProvider services, CancellationToken ct) =>
            Url is not null && await EndpointHostCheck.CheckAsync(Url, services.GetRequiredService<WebhookOptions>(), ct) is { } error ? ("Url", error) : null;

        public IEnumerable<(string Field, UiMessage Message)> Validate()
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
