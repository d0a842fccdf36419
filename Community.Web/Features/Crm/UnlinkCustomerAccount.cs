using Community.Domain;
using Community.Web.Data;
using Community.Web.Features.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Crm;

public static class UnlinkCustomerAccount
{
    public sealed record Command(string UserId) : ICommand;

    /// <summary>Ends the link; the row stays as the record of the consent. No further points are sent.</summary>
    public sealed class Handler(CommunityDb db, CrmEvents events, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command cmd, CancellationToken ct)
        {
            var link = await db.CustomerLinks.FirstOrDefaultAsync(l => l.UserId == cmd.UserId && l.UnlinkedAt == null, ct)
                ?? throw new DomainException("Your account is not linked to a customer number.");
            link.UnlinkedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
            await events.OnUnlinkedAsync(link, ct);
            return Unit.Value;
        }
    }
}
