using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Community.Web.Features.Threads;

[Authorize]
public class EditModel(IMediator mediator) : CommunityPageModel
{
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Body { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Tags { get; set; }
    public bool IsQuestion { get; private set; }
    /// <summary>Editing someone else's post: the reason is asked for and kept in the history.</summary>
    public bool IsOthersPost { get; private set; }
    public string ThreadUrl { get; private set; } = "/";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await mediator.Send(new EditForm.Query(Actor, id), ct) is not { } form) return NotFound();
        Show(form);
        (Title, Body, Tags) = (form.Title, form.Body, form.Tags);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await mediator.Send(new EditForm.Query(Actor, id), ct) is not { } form) return NotFound();
        Show(form);
        var (ok, result) = await TrySendAsync(() => mediator.Send(new EditPost.Command(Actor, id, Body, IsQuestion ? Title ?? "" : null, Reason, IsQuestion ? Tags ?? "" : null), ct));
        if (ok) return Redirect(Infrastructure.Urls.Post(result!.Id, result.Slug, id));
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private void Show(EditForm.Model form) => (IsQuestion, IsOthersPost, ThreadUrl) = (form.IsQuestion, form.IsOthersPost, form.ThreadUrl);
}
