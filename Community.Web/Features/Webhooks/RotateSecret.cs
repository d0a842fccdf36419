using Community.Domain.Crm;
using Community.Web.Data;
using Community.Web.Infrastructure;
using Community.Web.Infrastructure.Security;
using Mediator;

namespace Community.Web.Features.Webhooks;

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
