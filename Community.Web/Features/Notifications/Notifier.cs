using Community.Domain.Notifications;
using Community.Web.Data;
using Community.Web.Infrastructure;
using Community.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Community.Web.Features.Notifications;

/// <summary>
/// Tells a person about something: the entry in their notification list and, if they want mail at once, the mail,
/// both written into the caller's transaction. The mail leaves through the outbox after the commit (<see cref="MailDispatcher"/>).
/// </summary>
public sealed class Notifier(CommunityDb db, PublicUrls urls, IConfiguration config, IStringLocalizer<SharedResource> localizer, DisplayTime times, Branding brand)
{
    public async Task NotifyAsync(Notification notification, CancellationToken ct)
    {
        db.Notifications.Add(notification);
        var recipient = await db.Users.AsNoTracking().Where(u => u.Id == notification.UserId)
            .Select(u => new { u.Id, u.UserName, u.Email, u.EmailConfirmed, u.MailPreference, u.UnsubscribeToken, u.Language }).FirstOrDefaultAsync(ct);
        if (recipient is not { MailPreference: MailPreference.Immediate, EmailConfirmed: true, Email: { } address }) return;
        var token = recipient.UnsubscribeToken ?? await IssueUnsubscribeTokenAsync(recipient.Id, ct);
        var unsubscribe = NotificationMail.UnsubscribeUrl(urls, recipient.Id, token);
        // In the recipient's language, whoever's request caused the notification.
        using var _ = Languages.Use(recipient.Language ?? Languages.DefaultLanguage(config));
        db.OutgoingMails.Add(new OutgoingMail(notification.CreatedAt)
        {
            UserId = recipient.Id, ToAddress = address, UnsubscribeUrl = unsubscribe,
            Subject = NotificationMail.Subject(brand.SiteName, NotificationMail.TextOf(localizer, times, notification)),
            HtmlBody = NotificationMail.Body(localizer, times, recipient.UserName!, [notification], urls, unsubscribe),
        });
    }

    /// <summary>Each person's unsubscribe token is made once and never replaced, so every link ever mailed keeps working.</summary>
    private async Task<string> IssueUnsubscribeTokenAsync(string userId, CancellationToken ct)
    {
        var token = NotificationMail.NewUnsubscribeToken();
        await db.Users.Where(u => u.Id == userId && u.UnsubscribeToken == null).ExecuteUpdateAsync(s => s.SetProperty(u => u.UnsubscribeToken, token), ct);
        return await db.Users.Where(u => u.Id == userId).Select(u => u.UnsubscribeToken!).FirstAsync(ct);
    }
}
