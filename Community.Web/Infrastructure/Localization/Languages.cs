using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Community.Web.Infrastructure.Localization;

/// <summary>The UI languages and how a request's language is chosen: stored preference, then cookie, then Accept-Language.</summary>
public static class Languages
{
    public const string CookieName = "community.lang";

    /// <summary>Language codes with their own name, as a switcher shows them.</summary>
    public static readonly IReadOnlyList<(string Code, string Name)> Ui = [("de", "Deutsch"), ("en", "English")];

    /// <summary>
    /// Regional cultures format dates and numbers the way a browser asks for (de-AT, en-GB); the texts come from their language.
    /// </summary>
    private static readonly string[] FormattingCultures = ["de", "de-AT", "de-DE", "de-CH", "en", "en-GB", "en-US", "en-IE"];

    public static string DefaultLanguage(IConfiguration config) => config["Localization:DefaultLanguage"] ?? "en";

    /// <summary>Runs the caller's next lines in <paramref name="code"/> (a mail for its recipient), then restores the request's culture.</summary>
    public static IDisposable Use(string? code)
    {
        var (culture, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        var chosen = CultureInfo.GetCultureInfo(IsSupported(code) ? code! : "en");
        (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (chosen, chosen);
        return new Restore(() => (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, ui));
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }

    public static bool IsSupported(string? code) => code is not null && Ui.Any(l => l.Code == code);

    /// <summary>
    /// A chosen language with the browser's regional formats for it: English chosen in a British browser still writes
    /// 05/03/2026 15:07; without a regional variant in Accept-Language, the language's own formats.
    /// </summary>
    public static ProviderCultureResult ResultFor(HttpContext context, string language)
    {
        var regional = context.Request.GetTypedHeaders().AcceptLanguage
            .OrderByDescending(a => a.Quality ?? 1)
            .Select(a => a.Value.Value)
            .FirstOrDefault(name => name is not null && name.StartsWith(language + "-", StringComparison.OrdinalIgnoreCase)
                                    && FormattingCultures.Contains(name, StringComparer.OrdinalIgnoreCase));
        return new ProviderCultureResult(regional ?? language, language);
    }

    public static void Configure(RequestLocalizationOptions o, string defaultLanguage)
    {
        o.SupportedCultures = FormattingCultures.Select(CultureInfo.GetCultureInfo).ToList();
        o.SupportedUICultures = Ui.Select(l => CultureInfo.GetCultureInfo(l.Code)).ToList();
        o.DefaultRequestCulture = new RequestCulture(defaultLanguage);
        o.FallBackToParentCultures = true;
        o.FallBackToParentUICultures = true;
        o.ApplyCurrentCultureToResponseHeaders = true;
        o.RequestCultureProviders =
        [
            new StoredPreferenceCultureProvider(),
            new ChosenLanguageCookieProvider(),
            new AcceptLanguageHeaderRequestCultureProvider(),
        ];
    }
}
