using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Community.Domain.Notifications;
using Community.Web.Infrastructure;
using Community.Web.Infrastructure.Localization;
using Microsoft.Extensions.Localization;

namespace Community.Web.Features.Notifications;

/// <summary>How a notification reads as a mail: subject, body, the one-click unsubscribe link.</summary>
public static class NotificationMail
{
    public static string NewUnsubscribeToken() => Convert.ToHexString(RandomNumberGenerator.GetBytes(20)).ToLowerInvariant();

    public static string UnsubscribeUrl(PublicUrls urls, string userId, string token) =>
        urls.Absolute($"/notifications/unsubscribe?u={Uri.EscapeDataString(userId)}&t={token}");

    /// <summary>Control characters (a title's line break) never reach a mail header.</summary>
    public static string Subject(string siteName, string text)
    {
        var clean = new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray());
        return $"{siteName}: " + (clean.Length > 90 ? clean[..87] + "…" : clean);
    }

    public static string TextOf(IStringLocalizer localizer, DisplayTime times, Notification n) => UiMessages.Notification(localizer, times, n.Text, n.Template, n.Arguments);

    /// <summary>
    /// In the current UI culture (see <see cref="Languages.Use"/>). Notification texts are plain text written by the app;
    /// names and titles in them are encoded here.
    /// </summary>
    public static string Body(IStringLocalizer localizer, DisplayTime times, string name, IReadOnlyList<Notification> items, PublicUrls urls, string unsubscribe)
    {
        var e = HtmlEncoder.Default;
        var html = new StringBuilder($"<p>{e.Encode(localizer["Hello {0},", name])}</p><ul>");
        foreach (var n in items)
            html.Append($"<li><a href=\"{e.Encode(urls.Absolute(n.Url))}\">{e.Encode(TextOf(localizer, times, n))}</a></li>");
        html.Append("</ul>")
            .Append("<p style=\"color:#666\">")
            // The sentence is translated whole; the links go into its placeholders already encoded.
            .Append(string.Format(CultureInfo.CurrentCulture, e.Encode(localizer["Change how often you get these mails on {0}, or {1} with one click."]),
                $"<a href=\"{e.Encode(urls.Absolute("/notifications"))}\">{e.Encode(localizer["your notifications page"])}</a>",
                $"<a href=\"{e.Encode(unsubscribe)}\">{e.Encode(localizer["unsubscribe from all notification mail"])}</a>"))
            .Append("</p>");
        return html.ToString();
    }
}
