using Community.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Community.Web.Features.Notifications;

[Authorize]
public class IndexModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<NotificationRow> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Items = await mediator.Send(new MyNotifications.Query(User.UserId()!), ct);

    public async Task<IActionResult> OnPostMarkAllReadAsync(CancellationToken ct)
    {
        await mediator.Send(new MarkAllRead.Command(User.UserId()!), ct);
        return RedirectToPage();
    }
}
