using Community.Web.Features.Hubs;
using Community.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Community.Web.Features.Threads;

[Authorize]
public class AskModel(IMediator mediator, Drafts.DraftStore drafts) : CommunityPageModel
{
    public bool DraftRestored { get; private set; }

    [BindProperty(SupportsGet = true)] public string? Hub { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Body { get; set; }
    [BindProperty] public string? Tags { get; set; }

    public IReadOnlyList<HubNode> Hubs { get; private set; } = [];


    public async Task OnGetAsync(CancellationToken ct)
    {
        Hubs = await mediator.Send(new HubDirectory.Query(), ct);
        // What was typed on another device (or before the tab closed) comes back; submitting discards it.
        if (await drafts.FindAsync(User.UserId()!, Drafts.DraftKeys.Ask, ct) is { } draft)
        {
            (Title, Body, Tags, DraftRestored) = (draft.Title, draft.Body, draft.Tags ?? Tags, true);
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (ok, result) = await TrySendAsync(() => mediator.Send(new Ask.Command(Actor, Hub, Title, Body, Tags), ct));
        if (ok) return Redirect(result!.Url);
        Hubs = await mediator.Send(new HubDirectory.Query(), ct);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
