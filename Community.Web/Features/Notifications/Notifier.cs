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
    private sealed record Recipient(string Id, string? UserName, string? Email, bool EmailConfirmed, MailPreference MailPreference, string? UnsubscribeToken, string? Language);

    public Task NotifyAsync(Notification notification, CancellationToken ct) => NotifyManyAsync([notification], ct);

    /// <summary>Several people at once (a post's watchers): one query for all recipients, not one per person.</summary>
    public async Task NotifyManyAsync(IReadOnlyList<Notification> notifications, CancellationToken ct)
    {
        if (notifications.Count == 0) return;
        var ids = notifications.Where(n => !n.Quiet).Select(n => n.UserId).Distinct().ToList();
        var recipients = ids.Count == 0 ? [] : await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new Recipient(u.Id, u.UserName, u.Email, u.EmailConfirmed, u.MailPreference, u.UnsubscribeToken, u.Language))
            .ToDictionaryAsync(r => r.Id, ct);
        foreach (var notification in notifications)
        {
            db.Notifications.Add(notification);
            live.NotificationsChanged(notification.UserId);
            // A watched hub set to "digest" waits for the daily digest.
            if (notification.Quiet || recipients.GetValueOrDefault(notification.UserId) is not { } recipient) continue;
            await MailAsync(notification, recipient, ct);
        }
    }

    private async Task MailAsync(Notification notification, Recipient recipient, CancellationToken ct)
    {
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
    /// A new answer for the people who follow the thread (all with the same thread URL): while an earlier one for the
    /// same thread is unread, that entry grows ("3 new answers in …", naming the latest writer) and rises to the top;
    /// no second mail is sent for it. Two queries however many follow the thread.
    /// </summary>
    public async Task NotifyOfAnswerAsync(IReadOnlyList<Notification> notifications, string threadTitle, CancellationToken ct)
    {
        if (notifications.Count == 0) return;
        var url = notifications[0].Url;
        var ids = notifications.Select(n => n.UserId).Distinct().ToList();
        var open = (await db.Notifications.Where(n => ids.Contains(n.UserId) && n.ReadAt == null && n.Url == url
                    && (n.Kind == NotificationKind.Answer || n.Kind == NotificationKind.WatchedReply)).ToListAsync(ct))
            .GroupBy(n => (n.UserId, n.Kind)).ToDictionary(g => g.Key, g => g.OrderByDescending(n => n.CreatedAt).First());
        var fresh = new List<Notification>();
        foreach (var notification in notifications)
        {
            var who = notification.ActorName is { } name ? (object)name : new UiText("the support team");
            var asker = notification.Kind == NotificationKind.Answer;
            if (!open.TryGetValue((notification.UserId, notification.Kind), out var entry))
            {
                fresh.Add(notification.ActorName is { } actor
                    ? asker ? notification.Saying("{0} answered your question \"{1}\".", actor, threadTitle) : notification.Saying("{0} answered in \"{1}\".", actor, threadTitle)
                    : asker ? notification.Saying("The support team answered your question \"{0}\".", threadTitle) : notification.Saying("The support team answered in \"{0}\".", threadTitle));
                continue;
            }
            entry.GroupCount++;
            entry.CreatedAt = notification.CreatedAt;
            entry.ActorName = notification.ActorName;
            if (asker) entry.Saying("{0} new answers to your question \"{1}\", the latest by {2}.", entry.GroupCount, threadTitle, who);
            else entry.Saying("{0} new answers in \"{1}\", the latest by {2}.", entry.GroupCount, threadTitle, who);
            live.NotificationsChanged(entry.UserId);
        }
        await NotifyManyAsync(fresh, ct);
    }

    /// <summary>Each person's unsubscribe token is made once and never replaced, so every link ever mailed keeps working.</summary>
    private async Task<string> IssueUnsubscribeTokenAsync(string userId, CancellationToken ct)
    {
        var token = NotificationMail.NewUnsubscribeToken();
        await db.Users.Where(u => u.Id == userId && u.UnsubscribeToken == null).ExecuteUpdateAsync(s => s.SetProperty(u => u.UnsubscribeToken, token), ct);
        return await db.Users.Where(u => u.Id == userId).Select(u => u.UnsubscribeToken!).FirstAsync(ct);
    }
}
