namespace Community.Web.Features.Shared;

/// <summary>A visitor's choice of theme or language, remembered for a year in a cookie only this site reads.</summary>
public static class PersonalChoice
{
    public static void Remember(HttpContext context, string cookieName, string value) =>
        context.Response.Cookies.Append(cookieName, value, new CookieOptions
        {
            MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps, IsEssential = true,
        });
}
