using Community.Domain;
using Community.Domain.Outbox;
using Community.Web.Data;
using Community.Web.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Webhooks;

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
                throw waiting == 1
                    ? DomainException.Saying("{0} event has not been delivered to this endpoint yet and would be lost. Change its URL or pause it instead, or confirm the deletion.", waiting)
                    : DomainException.Saying("{0} events have not been delivered to this endpoint yet and would be lost. Change its URL or pause it instead, or confirm the deletion.", waiting);
            var deleted = await db.WebhookEndpoints.Where(e => e.Id == cmd.EndpointId).ExecuteDeleteAsync(ct);
            if (deleted == 0) throw new NotFoundException("That endpoint does not exist.");
            return Unit.Value;
        }
    }
}
