using Community.Domain;
using Community.Domain.Moderation;
using Community.Domain.Threads;
using Community.Web.Data;
using Community.Web.Infrastructure;
using Community.Web.Infrastructure.Caching;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Hubs;

/// <summary>
/// An admin adds a hub or changes one (<c>/admin/hubs</c>): names and descriptions in English and German, the parent
/// hub and the position among its siblings. The address (slug) is set once, when the hub is made: links, feeds and
/// search engines point at it. The admin role is checked in the database, and the audit log names who did it.
/// </summary>
public static class SaveHub
{
    /// <param name="Id">The hub to change, or null for a new one.</param>
    public sealed record Command(Actor Actor, int? Id, string? Slug, int? ParentId, string? Name, string? Description, string? NameDe, string? DescriptionDe, int SortOrder)
        : ICommand<string>, IValidate
    {
        public IEnumerable<(string Field, UiMessage Message)> Validate() =>
            HubRules.Check(Slug?.Trim(), Id is null, Name, Description, NameDe, DescriptionDe, SortOrder);
    }

    public sealed class Handler(CommunityDb db, PageCache pages, Moderation.ModerationDesk desk) : ICommandHandler<Command, string>
    {
        public async ValueTask<string> Handle(Command cmd, CancellationToken ct)
        {
            if (!await db.UsersInRoles(Roles.Admin).ContainsAsync(cmd.Actor.UserId, ct))
                throw new ForbiddenException("Only admins can change hubs.");
            var tree = (await db.Hubs.Select(h => new { h.Id, h.ParentId }).ToListAsync(ct)).Select(h => (h.Id, h.ParentId)).ToList();
            if (HubRules.ParentProblem(cmd.Id, cmd.ParentId, tree) is { } parentProblem)
                throw ValidationFailedException.For("ParentId", parentProblem);

            Hub hub;
            if (cmd.Id is { } id)
                hub = await db.Hubs.FirstOrDefaultAsync(h => h.Id == id, ct) ?? throw new NotFoundException(UiMessage.Saying("Hub {0} does not exist.", id));
            else
            {
                var slug = cmd.Slug!.Trim();
                if (await db.Hubs.AnyAsync(h => h.Slug == slug, ct))
                    throw ValidationFailedException.For("Slug", UiMessage.Saying("The address \"{0}\" is taken by another hub.", slug));
                hub = new Hub { Slug = slug, Name = "" };
                db.Hubs.Add(hub);
            }
            hub.Name = HubRules.Tidy(cmd.Name)!;
            hub.Description = HubRules.Tidy(cmd.Description) ?? "";
            hub.NameDe = HubRules.Tidy(cmd.NameDe);
            hub.DescriptionDe = HubRules.Tidy(cmd.DescriptionDe);
            hub.ParentId = cmd.ParentId;
            hub.SortOrder = cmd.SortOrder;
            desk.Audit(cmd.Actor, cmd.Id is null ? ModerationAction.CreateHub : ModerationAction.EditHub, null, detail: hub.Slug);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (db.IsUniqueViolation(e))
            {
                throw ValidationFailedException.For("Slug", UiMessage.Saying("The address \"{0}\" is taken by another hub.", hub.Slug));
            }
            // Hub names are on nearly every page (home, lists, breadcrumbs, the ask form).
            pages.EverythingChanged();
            return hub.Slug;
        }
    }
}
