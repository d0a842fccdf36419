using Community.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Community.Web.Features.Notifications;

/// <summary>A notification's link: marks it read, then goes where it points (someone else's notification is not found).</summary>
[Authorize]
public class OpenModel(IMediator mediator) : CommunityPageModel
{
    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var url = await mediator.Send(new MarkRead.Command(User.UserId()!, id), ct);
        if (url is null) return NotFound();
        return LocalRedirect(Url.IsLocalUrl(url) ? url : "/notifications");
    }
}
