using Community.Web.Data;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Hubs;

/// <summary>
/// <c>/admin/hubs</c>: every hub in tree order with its counts, and a form to add one; <c>/admin/hubs/{id}</c> changes
/// one (names and descriptions in both languages, parent, position). A refused form is shown again with what was typed.
/// </summary>
[Authorize(Roles = Roles.Admin)]
public class AdminModel(IMediator mediator, CommunityDb db) : CommunityPageModel
{
    public IReadOnlyList<HubNode> Hubs { get; private set; } = [];
    /// <summary>The hub being changed, or null on the list with the form for a new one.</summary>
    public Community.Domain.Threads.Hub? Editing { get; private set; }

    [BindProperty] public string? Slug { get; set; }
    [BindProperty] public int? ParentId { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public string? NameDe { get; set; }
    [BindProperty] public string? DescriptionDe { get; set; }
    [BindProperty] public int SortOrder { get; set; }
    [TempData] public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (Editing is { } hub)
            (Slug, ParentId, Name, Description, NameDe, DescriptionDe, SortOrder) = (hub.Slug, hub.ParentId, hub.Name, hub.Description, hub.NameDe, hub.DescriptionDe, hub.SortOrder);
        else
            SortOrder = Hubs.Count == 0 ? 0 : Math.Min(await db.Hubs.MaxAsync(h => h.SortOrder, ct) + 1, 10_000);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        // A number field that could not be read (letters in "position") is named like the rule errors.
        foreach (var field in new[] { nameof(ParentId), nameof(SortOrder) })
            if (ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0)
            {
                entry.Errors.Clear();
                ModelState.AddModelError(field, field == nameof(SortOrder) ? T("Enter the position as a whole number.") : T("Choose a parent hub from the list."));
            }
        if (!ModelState.IsValid) return Refused();
        var (ok, slug) = await TrySendAsync(() => mediator.Send(new SaveHub.Command(Actor, id, Slug, ParentId, Name, Description, NameDe, DescriptionDe, SortOrder), ct));
        if (!ok) return Refused();
        Message = id is null ? T("The hub {0} is added.", slug!) : T("The hub {0} is saved.", slug!);
        return RedirectToPage(new { id = (int?)null });
    }

    private Microsoft.AspNetCore.Mvc.RazorPages.PageResult Refused()
    {
        if (Editing is { } hub) Slug = hub.Slug;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> LoadAsync(int? id, CancellationToken ct)
    {
        Hubs = await mediator.Send(new HubDirectory.Query(), ct);
        if (id is not { } hubId) return true;
        Editing = await db.Hubs.AsNoTracking().FirstOrDefaultAsync(h => h.Id == hubId, ct);
        return Editing is not null;
    }

    /// <summary>Hubs that may be the parent: not the edited one or any hub below it.</summary>
    public IEnumerable<(HubNode Hub, int Depth)> ParentChoices()
    {
        var excluded = Editing is { } hub ? Hubs.WithDescendants(hub.Id).ToHashSet() : [];
        return Hubs.InTreeOrder().Where(x => !excluded.Contains(x.Hub.Id));
    }
}
