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
            catch (DbUpdateException e) when (db.IsUniqueViolation(e))
            {
                // The unique indexes caught a second link racing this one.
                throw new DomainException("This account or customer number was linked a moment ago. Reload the page to see it.");
            }
            await events.OnLinkedAsync(link, ct);
            return Unit.Value;
        }
    }
}
