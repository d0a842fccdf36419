using Community.Domain.Notifications;
using Community.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Community.Web.Features.Notifications;

[Authorize]
public class IndexModel(IMediator mediator) : CommunityPageModel
{
    public IReadOnlyList<NotificationRow> Items { get; private set; } = [];
    public MailPreference Preference { get; private set; }
    [TempData] public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct) =>
        (Items, Preference) = await mediator.Send(new NotificationsPage.Query(User.UserId()!), ct);

    public async Task<IActionResult> OnPostMailAsync(MailPreference? preference, CancellationToken ct)
    {
        try
        {
            await mediator.Send(new MailPreferences.Command(User.UserId()!, preference), ct);
        }
        catch (ValidationFailedException e)
        {
            return BadRequest(e.Message);
        }
        Message = T("Your mail settings are saved.");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostMarkAllReadAsync(CancellationToken ct)
    {
        await mediator.Send(new MarkAllRead.Command(User.UserId()!), ct);
        return RedirectToPage();
    }
}
