using Community.Domain;
using Community.Domain.Crm;
using Community.Web.Data;
using Community.Web.Features.Webhooks;
using Community.Web.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Community.Web.Features.Crm;

/// <summary>Links a person's CRM customer number after explicit consent, so their points are credited to it.</summary>
public static class LinkCustomerAccount
{
    public sealed record Command(string UserId, string? CustomerNumber, bool Consent) : ICommand, IValidate
    {
        public IEnumerable<(string Field, UiMessage Message)> Validate()
        {
            if (!Consent) yield return ("Consent", "Please tick the box to agree; without your consent no points are sent.");
        }
    }

    public sealed class Handler(CommunityDb db, CustomerNumberFormat format, CrmOptions crm, CrmEvents events, TimeProvider clock,
        IStringLocalizer<Infrastructure.Localization.SharedResource> localizer) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command cmd, CancellationToken ct)
        {
            if (format.Check(cmd.CustomerNumber) is { } error) throw ValidationFailedException.For("CustomerNumber", error);
            var number = cmd.CustomerNumber!.Trim();
            if (await db.CustomerLinks.AnyAsync(l => l.UserId == cmd.UserId && l.UnlinkedAt == null, ct))
                throw new DomainException("Your account is already linked to a customer number. Unlink it first to link another one.");
            if (await db.CustomerLinks.AnyAsync(l => l.CustomerNumber == number && l.UnlinkedAt == null, ct))
                throw ValidationFailedException.For("CustomerNumber", "This customer number is already linked to another community account.");

            var link = new CustomerLink
            {
                // The words the person read and agreed to: the consent text in the language the form was shown in.
                UserId = cmd.UserId, CustomerNumber = number, ConsentVersion = crm.ConsentVersion, ConsentText = localizer[crm.ConsentText],
                ConsentedAt = clock.GetUtcNow(),
            };
            db.CustomerLinks.Add(link);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // The unique indexes caught a second link racing this one.
                throw new DomainException("This account or customer number was linked a moment ago. Reload the page to see it.");
            }
            await events.OnLinkedAsync(link, ct);
            return Unit.Value;
        }
    }
}

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

public static class MyCustomerLink
{
    public sealed record Model(string MaskedNumber, string ConsentVersion, DateTimeOffset ConsentedAt, int PointsSent);

    public sealed record Query(string UserId) : IQuery<Model?>;

    public sealed class Handler(CommunityDb db) : IQueryHandler<Query, Model?>
    {
        public async ValueTask<Model?> Handle(Query q, CancellationToken ct)
        {
            var link = await db.CustomerLinks.AsNoTracking().Where(l => l.UserId == q.UserId && l.UnlinkedAt == null)
                .Select(l => new { l.CustomerNumber, l.ConsentVersion, l.ConsentedAt, l.CreditedPoints }).FirstOrDefaultAsync(ct);
            return link is null ? null : new Model(CustomerLink.Mask(link.CustomerNumber), link.ConsentVersion, link.ConsentedAt, link.CreditedPoints);
        }
    }
}
