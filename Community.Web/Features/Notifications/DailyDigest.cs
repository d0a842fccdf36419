using Community.Domain.Notifications;
using Community.Domain.Reputation;
using Community.Web.Data;
using Community.Web.Infrastructure;
using Community.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Community.Web.Features.Notifications;

/// <summary>
/// Once a day after the digest hour, people who chose the digest get one mail with what happened since the last;
/// people who get mail at once but chose "digest" for their watched hubs get the quiet notifications (those of
/// watched hubs) this way.
/// </summary>
public sealed class DailyDigest(CommunityDb db, CommunityCalendar calendar, NotificationMailOptions options, PublicUrls urls, TimeProvider clock,
    IStringLocalizer<SharedResource> localizer, DisplayTime times, IConfiguration config, Branding brand)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var local = TimeZoneInfo.ConvertTime(now, calendar.Zone);
        if (local.Hour < options.DigestHour) return 0;
        var todayStart = new DateTimeOffset(local.Date.AddHours(options.DigestHour), local.Offset).ToUniversalTime();
        var due = await db.Users.Where(u => (u.MailPreference == MailPreference.DailyDigest
                    || (u.MailPreference == MailPreference.Immediate && u.WatchedHubPosts == Community.Domain.Following.WatchedHubPosts.Digest))
                && u.EmailConfirmed && (u.LastDigestAt == null || u.LastDigestAt < todayStart))
            .ToListAsync(ct);
        if (due.Count == 0) return 0;
        // One query for everyone's notifications since the earliest last digest, not one per person.
        var ids = due.Select(u => u.Id).ToList();
        var earliest = due.Min(u => u.LastDigestAt ?? now.AddDays(-1));
        var notifications = (await db.Notifications.AsNoTracking()
                .Where(n => ids.Contains(n.UserId) && n.CreatedAt > earliest && n.CreatedAt <= now)
                .OrderBy(n => n.CreatedAt).ToListAsync(ct))
            .ToLookup(n => n.UserId);
        var sent = 0;
        foreach (var user in due)
        {
            var since = user.LastDigestAt ?? now.AddDays(-1);
            // Mail at once already told of the others; the digest brings only what waited for it.
            var items = notifications[user.Id].Where(n => n.CreatedAt > since && (user.MailPreference == MailPreference.DailyDigest || n.Quiet)).Take(100).ToList();
            user.LastDigestAt = now;
            if (items.Count == 0 || user.Email is null) continue;
            user.UnsubscribeToken ??= NotificationMail.NewUnsubscribeToken();
            var unsubscribe = NotificationMail.UnsubscribeUrl(urls, user.Id, user.UnsubscribeToken);
            using var _ = Languages.Use(user.Language ?? Languages.DefaultLanguage(config));
            db.OutgoingMails.Add(new OutgoingMail(now)
            {
                UserId = user.Id, ToAddress = user.Email, UnsubscribeUrl = unsubscribe,
                Subject = items.Count == 1
                    ? localizer["{0}: 1 notification since your last digest", brand.SiteName]
                    : localizer["{0}: {1} notifications since your last digest", brand.SiteName, items.Count],
                HtmlBody = NotificationMail.Body(localizer, times, user.UserName!, items, urls, unsubscribe),
            });
            sent++;
        }
        await db.SaveChangesAsync(ct);
        return sent;
    }
}
