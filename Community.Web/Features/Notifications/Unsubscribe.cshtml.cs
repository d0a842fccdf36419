using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Community.Web.Features.Notifications;

/// <summary>
/// GET shows a one-button page (mail scanners that follow links must not unsubscribe anyone); POST unsubscribes,
/// also as the RFC 8058 one-click POST a mail client sends from the List-Unsubscribe header, without a form token.
/// </summary>
[IgnoreAntiforgeryToken]
public class UnsubscribeModel(IMediator mediator) : CommunityPageModel
{
    [BindProperty(SupportsGet = true, Name = "u")] public string? UserId { get; set; }
    [BindProperty(SupportsGet = true, Name = "t")] public string? Token { get; set; }
    public bool Done { get; private set; }

    public IActionResult OnGet() => string.IsNullOrEmpty(UserId) || string.IsNullOrEmpty(Token) ? BadRequest() : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await mediator.Send(new MailPreferences.Unsubscribe(UserId, Token), ct))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            ModelState.AddModelError("", T("This unsubscribe link is not valid (any more). Log in and change your mail settings on the notifications page."));
            return Page();
        }
        Done = true;
        return Page();
    }
}
