using Community.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Community.Web.Features.Threads;

public class HistoryModel(IMediator mediator) : CommunityPageModel
{
    public RevisionHistory.Model Data { get; private set; } = null!;
    [BindProperty] public string? Reason { get; set; }
    public bool CanRedact => User.IsModerator();

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await ShowAsync(id, ct);

    public async Task<IActionResult> OnPostRedactAsync(int id, int revisionId, CancellationToken ct)
    {
        if (User.UserId() is null) return Challenge();
        if (!User.IsModerator()) return Forbid();
        var (ok, _) = await TrySendAsync(() => mediator.Send(new RedactRevision.Command(Actor, revisionId, Reason), ct));
        if (ok) return Redirect(Urls.PostHistory(id));
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return await ShowAsync(id, ct);
    }

    private async Task<IActionResult> ShowAsync(int id, CancellationToken ct)
    {
        var data = await mediator.Send(new RevisionHistory.Query(id, User.IsModerator()), ct);
        if (data is null) return NotFound();
        Data = data;
        return Page();
    }
}
