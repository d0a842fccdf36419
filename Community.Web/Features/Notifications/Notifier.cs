using Community.Domain;
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
public sealed class Notifier(CommunityDb db, PublicUrls urls, IConfiguration config, IStringLocalizer<SharedResource> localizer, DisplayTime times, Branding brand, Live.LiveUpdates live)
{
    public async Task NotifyAsync(Notification notification, CancellationToken ct)
    {
        db.Notifications.Add(notification);
        live.NotificationsChanged(notification.UserId);
        // A watched hub set to "digest" waits for the daily digest.
        if (notification.Quiet) return;
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

    /// <summary>
    /// A new answer for someone who follows the thread: while an earlier one for the same thread is unread, that entry
    /// grows ("3 new answers in …", naming the latest writer) and rises to the top; no second mail is sent for it.
    /// </summary>
    public async Task NotifyOfAnswerAsync(Notification notification, string threadTitle, CancellationToken ct)
    {
        var open = await db.Notifications.Where(n => n.UserId == notification.UserId && n.ReadAt == null && n.Kind == notification.Kind && n.Url == notification.Url)
            .OrderByDescending(n => n.CreatedAt).FirstOrDefaultAsync(ct);
        var who = notification.ActorName is { } name ? (object)name : new UiText("the support team");
        if (open is null)
        {
            var asker = notification.Kind == NotificationKind.Answer;
            await NotifyAsync(notification.ActorName is { } actor
                ? asker ? notification.Saying("{0} answered your question \"{1}\".", actor, threadTitle) : notification.Saying("{0} answered in \"{1}\".", actor, threadTitle)
                : asker ? notification.Saying("The support team answered your question \"{0}\".", threadTitle) : notification.Saying("The support team answered in \"{0}\".", threadTitle), ct);
            return;
        }
        open.GroupCount++;
        open.CreatedAt = notification.CreatedAt;
        open.ActorName = notification.ActorName;
        if (notification.Kind == NotificationKind.Answer) open.Saying("{0} new answers to your question \"{1}\", the latest by {2}.", open.GroupCount, threadTitle, who);
        else open.Saying("{0} new answers in \"{1}\", the latest by {2}.", open.GroupCount, threadTitle, who);
        live.NotificationsChanged(open.UserId);
    }

    /// <summary>Each person's unsubscribe token is made once and never replaced, so every link ever mailed keeps working.</summary>
    private async Task<string> IssueUnsubscribeTokenAsync(string userId, CancellationToken ct)
    {
        var token = NotificationMail.NewUnsubscribeToken();
        await db.Users.Where(u => u.Id == userId && u.UnsubscribeToken == null).ExecuteUpdateAsync(s => s.SetProperty(u => u.UnsubscribeToken, token), ct);
        return await db.Users.Where(u => u.Id == userId).Select(u => u.UnsubscribeToken!).FirstAsync(ct);
    }
}
