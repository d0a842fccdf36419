using Community.Domain.Outbox;
using Community.Web.Data;
using Community.Web.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Webhooks;

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
