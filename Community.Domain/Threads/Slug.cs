using System.Globalization;
using System.Text;

namespace Community.Domain.Threads;

/// <summary>Turns a title into the readable part of a URL: "Wie ändere ich mein WLAN?" -> "wie-aendere-ich-mein-wlan".</summary>
public static class Slug
{
    public const int MaxLength = 80;

    public static string From(string? text)
    {
        var slug = Normalize(text);
        return slug.Length == 0 ? "thread" : slug;
    }

    /// <summary>The slug, or "" when the text has no letters or digits at all.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var german = UnicodeText.Clean(text).Trim()
            .Replace("ä", "ae").Replace("ö", "oe").Replace("ü", "ue")
            .Replace("Ä", "Ae").Replace("Ö", "Oe").Replace("Ü", "Ue").Replace("ß", "ss");
        var decomposed = german.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var lastWasDash = true;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (c < 128 && char.IsLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
                lastWasDash = false;
            }
            else if (!lastWasDash)
            {
                sb.Append('-');
                lastWasDash = true;
            }
        }
        var slug = sb.ToString().Trim('-');
        if (slug.Length > MaxLength) slug = slug[..MaxLength].TrimEnd('-');
        return slug;
    }
}
