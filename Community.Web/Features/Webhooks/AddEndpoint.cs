using Community.Domain;
using Community.Domain.Crm;
using Community.Web.Data;
using Community.Web.Infrastructure;
using Community.Web.Infrastructure.Security;
using Mediator;

namespace Community.Web.Features.Webhooks;

/// <summary>An admin adds a receiver; the secret is returned once and only shown then.</summary>
public static class AddEndpoint
{
    public sealed record Command(string? Url, string? Description, string? EventTypes) : ICommand<(int Id, string Secret)>, IValidate, IValidateAsync
    {
        public async ValueTask<(string Field, UiMessage Message)?> ValidateAsync(IServiceProvider services, CancellationToken ct) =>
            await EndpointHostCheck.CheckAsync(Url, services.GetRequiredService<WebhookOptions>(), ct) is { } error ? ("Url", error) : null;

        public IEnumerable<(string Field, UiMessage Message)> Validate()
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
