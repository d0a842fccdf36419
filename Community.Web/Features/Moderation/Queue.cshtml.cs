using Community.Web.Data;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Community.Web.Features.Moderation;

[Authorize(Roles = Roles.Moderator + "," + Roles.Admin)]
public class QueueModel(IMediator mediator) : CommunityPageModel
{
    public IReadOnlyList<FlagQueue.Row> Rows { get; private set; } = [];
    [TempData] public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Rows = await mediator.Send(new FlagQueue.Query(), ct);

    public async Task<IActionResult> OnPostHideAsync(int postId, string? reason, bool spam, CancellationToken ct) =>
        await ActAsync(() => mediator.Send(new HidePost.Command(Actor, postId, reason, spam), ct), spam ? T("Removed as spam.") : T("Hidden."), ct);

    public async Task<IActionResult> OnPostDismissAsync(int postId, string? reason, CancellationToken ct) =>
        await ActAsync(() => mediator.Send(new DismissFlags.Command(Actor, postId, reason), ct), T("Flags dismissed; the post stays."), ct);

    private async Task<IActionResult> ActAsync(Func<ValueTask<Unit>> send, string done, CancellationToken ct)
    {
        var (ok, _) = await TrySendAsync(async () => await send());
        if (!ok)
        {
            Rows = await mediator.Send(new FlagQueue.Query(), ct);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        Message = done;
        return RedirectToPage();
    }
}
