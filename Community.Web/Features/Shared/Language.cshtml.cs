using Community.Web.Infrastructure;
using Community.Web.Infrastructure.Localization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Community.Web.Features.Shared;

/// <summary>
/// A person picks the UI language: remembered in a cookie (visitors too) and, when signed in, on the account so it
/// follows them to other devices. "auto" goes back to the browser's Accept-Language.
/// </summary>
// A preference, not an action on anybody's data: cached anonymous pages carry no antiforgery token, and the
// sign-in cookie (SameSite=Lax) is not sent with another site's form posts.
[IgnoreAntiforgeryToken]
public class LanguageModel(IMediator mediator) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync(string? lang, string? returnUrl, CancellationToken ct)
    {
        var auto = lang == "auto";
        if (!auto && !Languages.IsSupported(lang))
            return BadRequest($"Choose one of: {string.Join(", ", Languages.Ui.Select(l => l.Code))} or auto.");
        if (auto) Response.Cookies.Delete(Languages.CookieName);
        else
            PersonalChoice.Remember(HttpContext, Languages.CookieName, lang!);
        if (User.UserId() is { } userId) await mediator.Send(new RememberLanguage.Command(userId, auto ? null : lang), ct);
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }
}
