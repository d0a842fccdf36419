using Community.Web.Data;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Infrastructure.Localization;

/// <summary>A signed-in person's chosen language wins over cookie and browser, on every device they log in from.</summary>
public sealed class StoredPreferenceCultureProvider : RequestCultureProvider
{
    public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        if (httpContext.User.Identity?.IsAuthenticated != true || httpContext.User.UserId() is not { } userId) return null;
        var db = httpContext.RequestServices.GetRequiredService<CommunityDb>();
        try
        {
            var language = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.Language).FirstOrDefaultAsync(httpContext.RequestAborted);
            return Languages.IsSupported(language) ? Languages.ResultFor(httpContext, language!) : null;
        }
        catch (Exception e) when (DatabaseAvailability.IsUnavailable(e) || httpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is not null)
        {
            // On the error page itself (the request failed already) nothing here may fail it a second time.
            // The "temporarily unavailable" page is shown in the cookie's or browser's language instead.
            return null;
        }
    }
}

/// <summary>The language a visitor picked with the footer switch (the cookie holds just "de" or "en").</summary>
public sealed class ChosenLanguageCookieProvider : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext) =>
        Task.FromResult(httpContext.Request.Cookies[Languages.CookieName] is { } language && Languages.IsSupported(language)
            ? Languages.ResultFor(httpContext, language)
            : null);
}
