using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Community.Domain.Notifications;
using Community.Web.Data;
using Community.Web.Infrastructure;
using Community.Web.Infrastructure.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Community.Web.Features.Notifications;

/// <summary>
/// Every notification added to the database queues a mail for people who want them at once, in the same
/// SaveChanges (so in the same transaction). Hooked into EF so no place that notifies can forget it.
/// </summary>
public sealed class NotificationMailer(IConfiguration config, IHttpContextAccessor http, Microsoft.AspNetCore.Hosting.Server.IServer server,
    IStringLocalizer<SharedResource> localizer, DisplayTime times, Branding brand) : SaveChangesInterceptor
{
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        if (eventData.Context is CommunityDb db) await QueueAsync(db, ct);
        return result;
    }

    /// <summary>Every write in this app is async; a synchronous SaveChanges with new notifications is a programming error.</summary>
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is CommunityDb db && db.ChangeTracker.Entries<Notification>().Any(e => e.State == EntityState.Added))
            throw new InvalidOperationException("Save notifications with SaveChangesAsync so their mail is queued.");
        return result;
    }

    private async Task QueueAsync(CommunityDb db, CancellationToken ct)
    {
        var added = db.ChangeTracker.Entries<Notification>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (added.Count == 0) return;
        var userIds = added.Select(n => n.UserId).Distinct().ToList();
        // Each person's unsubscribe token is made once and never replaced, so every link ever mailed keeps working.
        foreach (var id in userIds)
        {
            var token = NewUnsubscribeToken();
            await db.Users.Where(u => u.Id == id && u.UnsubscribeToken == null).ExecuteUpdateAsync(s => s.SetProperty(u => u.UnsubscribeToken, token), ct);
        }
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id) && u.MailPreference == MailPreference.Immediate && u.EmailConfirmed)
            .Select(u => new { u.Id, u.UserName, u.Email, u.UnsubscribeToken, u.Language }).ToListAsync(ct);
        if (users.Count == 0) return;
        var urls = new PublicUrls(config, http, server);
        foreach (var n in added)
        {
            var user = users.FirstOrDefault(u => u.Id == n.UserId);
            if (user?.Email is null || user.UnsubscribeToken is null) continue;
            var unsubscribe = UnsubscribeUrl(urls, user.Id, user.UnsubscribeToken);
            // In the recipient's language, whoever's request caused the notification.
            using var _ = Languages.Use(user.Language ?? Languages.DefaultLanguage(config));
            db.OutgoingMails.Add(new OutgoingMail
            {
                UserId = user.Id, ToAddress = user.Email, Subject = Subject(brand.SiteName, TextOf(localizer, times, n)), UnsubscribeUrl = unsubscribe,
                HtmlBody = Body(localizer, times, user.UserName!, [n], urls, unsubscribe), CreatedAt = n.CreatedAt, NextAttemptAt = n.CreatedAt,
            });
        }
    }

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
            .Append(string.Format(System.Globalization.CultureInfo.CurrentCulture, e.Encode(localizer["Change how often you get these mails on {0}, or {1} with one click."]),
                $"<a href=\"{e.Encode(urls.Absolute("/notifications"))}\">{e.Encode(localizer["your notifications page"])}</a>",
                $"<a href=\"{e.Encode(unsubscribe)}\">{e.Encode(localizer["unsubscribe from all notification mail"])}</a>"))
            .Append("</p>");
        return html.ToString();
    }
}
