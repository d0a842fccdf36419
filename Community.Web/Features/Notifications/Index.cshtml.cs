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
    public int PageNumber { get; private set; } = 1;
    public bool HasOlder { get; private set; }
    [TempData] public string? Message { get; set; }

    // "page" is Razor Pages' own route value (the page's path); the query's page number is read by name.
    public async Task OnGetAsync([FromQuery(Name = "page")] int? pageNumber, CancellationToken ct) =>
        (Items, Preference, PageNumber, HasOlder) = await mediator.Send(new NotificationsPage.Query(User.UserId()!, pageNumber ?? 1), ct);

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
