using Community.Domain.Crm;
using Community.Web.Data;
using Community.Web.Infrastructure;
using Community.Web.Infrastructure.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Webhooks;

public static class SendTestEvent
{
    public sealed record Command(int EndpointId, string AdminName) : ICommand<string>, IRateLimited
    {
        string? IRateLimited.RateLimitPolicy => RateLimitPolicies.WebhookTest;
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
