using System.Text.RegularExpressions;

namespace Community.Web.Infrastructure;

/// <summary>
/// The operator's brand (site name, logo, colours: "Brand" section) and themes ("Theme" section): default, dark and
/// high-contrast ship in wwwroot-themes/. The operator picks the theme; people may switch between default and dark
/// unless the operator chose high-contrast, which stays for everyone.
/// </summary>
public sealed partial class Branding(IConfiguration config)
{
    public const string CookieName = "community.theme";
    public static readonly string[] Themes = ["default", "dark", "high-contrast"];
    public static readonly string[] PersonalThemes = ["default", "dark"];

    public string SiteName => config["Brand:SiteName"] is { Length: > 0 } n ? n : config["Community:SiteName"] is { Length: > 0 } c ? c : "Community";
    public string? LogoUrl => SafeUrl(config["Brand:LogoUrl"]);
    public string OperatorTheme => Themes.Contains(config["Theme:Default"]) ? config["Theme:Default"]! : "default";
    public bool PeopleMayChoose => OperatorTheme != "high-contrast" && config.GetValue("Theme:AllowPersonalChoice", true);

    public string ThemeFor(HttpRequest request) =>
        PeopleMayChoose && request.Cookies[CookieName] is { } chosen && PersonalThemes.Contains(chosen) ? chosen : OperatorTheme;

    /// <summary>Brand colours as CSS variables; anything but a hex colour is ignored, so configuration cannot inject CSS.</summary>
    public string? CssVariables
    {
        get
        {
            var parts = new List<string>();
            if (Color(config["Brand:PrimaryColor"]) is { } p) parts.Add($"--brand: {p};");
            if (Color(config["Brand:PrimaryDarkColor"]) is { } d) parts.Add($"--brand-dark: {d};");
            return parts.Count == 0 ? null : ":root { " + string.Join(' ', parts) + " }";
        }
    }

    [GeneratedRegex("^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$")]
    private static partial Regex HexColor();

    private static string? Color(string? value) => value is not null && HexColor().IsMatch(value.Trim()) ? value.Trim() : null;

    private static string? SafeUrl(string? value) =>
        value is { Length: > 0 } v && (v.StartsWith('/') && !v.StartsWith("//", StringComparison.Ordinal) || v.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) ? v : null;
}
