using Community.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Community.Web.Features.Shared;

/// <summary>A person switches between the default and the dark theme; remembered in a cookie, for visitors too.</summary>
// A preference, not an action on anybody's data: cached anonymous pages carry no antiforgery token, and the
// sign-in cookie (SameSite=Lax) is not sent with another site's form posts.
[IgnoreAntiforgeryToken]
public class ThemeModel(Branding branding) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public IActionResult OnPost(string? theme, string? returnUrl)
    {
        if (!branding.PeopleMayChoose) return BadRequest("This site uses one theme for everyone.");
        if (theme is null || !Branding.PersonalThemes.Contains(theme)) return BadRequest($"Choose one of: {string.Join(", ", Branding.PersonalThemes)}.");
        PersonalChoice.Remember(HttpContext, Branding.CookieName, theme);
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }
}
