using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Community.Domain.Crm;
using Community.Domain.Notifications;
using Community.Domain.Reputation;
using Community.Web.Data;
using Community.Web.Features.Reputation;
using Community.Web.Infrastructure;
using Community.Web.Infrastructure.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Community.Web.Features.Notifications;

/// <summary>The "Mail" section's settings for notification mail.</summary>
public sealed record NotificationMailOptions
{
    /// <summary>Send queued mail from this instance (any number of instances may).</summary>
    public bool DispatcherEnabled { get; init; } = true;
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>Waits between attempts while the SMTP server is unreachable; then the mail is given up.</summary>
    public List<TimeSpan> RetryDelays { get; init; } = [];
    /// <summary>Local hour (Community:TimeZone) after which the daily digest goes out.</summary>
    public int DigestHour { get; init; } = 7;

    public static readonly TimeSpan[] DefaultRetryDelays =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(6), TimeSpan.FromHours(12)];
}

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

/// <summary>Sends queued mail; a server that is down means a retry later, never a failed request.</summary>
public sealed class MailDispatcher(IServiceScopeFactory scopes, IMailSender sender, NotificationMailOptions options, TimeProvider clock, ILogger<MailDispatcher> log) : BackgroundService
{
    private readonly RetrySchedule _schedule = new(options.RetryDelays.Count > 0 ? options.RetryDelays : NotificationMailOptions.DefaultRetryDelays);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.DispatcherEnabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogError(e, "Sending notification mail failed; retrying at the next poll.");
            }
            await Task.Delay(options.PollInterval, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
        }
    }

    public const int BatchSize = 5;

    /// <summary>
    /// Claims due mail with a lease (one sender per mail, also across instances), sends, records. The lease covers a
    /// whole small batch of slow SMTP conversations; a result is only written while this claim still holds it.
    /// </summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDb>();
        var now = clock.GetUtcNow();
        if (!await db.OutgoingMails.AnyAsync(m => m.Status == MailStatus.Pending && m.NextAttemptAt <= now && (m.LeaseUntil == null || m.LeaseUntil <= now), ct)) return 0;
        // The lease's exact end (in ticks) doubles as this claim's identity.
        var lease = now.AddMinutes(10).AddTicks(Random.Shared.Next(1, 10_000));
        var sql = $$"""
            UPDATE "OutgoingMails" SET "LeaseUntil" = {0}
            WHERE "Id" IN (SELECT "Id" FROM "OutgoingMails" WHERE "Status" = {{(int)MailStatus.Pending}} AND "NextAttemptAt" <= {1}
                           AND ("LeaseUntil" IS NULL OR "LeaseUntil" <= {1}) ORDER BY "NextAttemptAt" LIMIT {{BatchSize}})
            RETURNING "Id" AS "Value"
            """;
        var ids = await db.Database.SqlQueryRaw<long>(sql, ReputationBook.StoredTime(lease), ReputationBook.StoredTime(now)).ToListAsync(ct);
        var mails = await db.OutgoingMails.AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync(ct);
        foreach (var mail in mails)
        {
            try
            {
                await sender.SendAsync(new MailMessage(mail.ToAddress, mail.Subject, mail.HtmlBody, mail.UnsubscribeUrl), ct);
                mail.Sent(clock.GetUtcNow());
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                mail.Failed(e.Message, clock.GetUtcNow(), _schedule, Random.Shared.NextDouble());
                log.LogWarning("Mail {Id} to {To} not sent (attempt {Attempt}): {Error}", mail.Id, MailAddressLog.Mask(mail.ToAddress), mail.Attempts, e.Message);
            }
            await db.OutgoingMails.Where(m => m.Id == mail.Id && m.LeaseUntil == lease).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, mail.Status).SetProperty(m => m.Attempts, mail.Attempts).SetProperty(m => m.SentAt, mail.SentAt)
                .SetProperty(m => m.NextAttemptAt, mail.NextAttemptAt).SetProperty(m => m.LastError, mail.LastError)
                .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null), ct);
        }
        return mails.Count;
    }
}

/// <summary>Once a day after the digest hour, people who chose the digest get one mail with what happened since the last.</summary>
public sealed class DailyDigest(CommunityDb db, CommunityCalendar calendar, NotificationMailOptions options, PublicUrls urls, TimeProvider clock,
    IStringLocalizer<SharedResource> localizer, DisplayTime times, IConfiguration config, Branding brand)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var local = TimeZoneInfo.ConvertTime(now, calendar.Zone);
        if (local.Hour < options.DigestHour) return 0;
        var todayStart = new DateTimeOffset(local.Date.AddHours(options.DigestHour), local.Offset).ToUniversalTime();
        var due = await db.Users.Where(u => u.MailPreference == MailPreference.DailyDigest && u.EmailConfirmed && (u.LastDigestAt == null || u.LastDigestAt < todayStart))
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
            var items = notifications[user.Id].Where(n => n.CreatedAt > since).Take(100).ToList();
            user.LastDigestAt = now;
            if (items.Count == 0 || user.Email is null) continue;
            user.UnsubscribeToken ??= NotificationMailer.NewUnsubscribeToken();
            var unsubscribe = NotificationMailer.UnsubscribeUrl(urls, user.Id, user.UnsubscribeToken);
            using var _ = Languages.Use(user.Language ?? Languages.DefaultLanguage(config));
            db.OutgoingMails.Add(new OutgoingMail
            {
                UserId = user.Id, ToAddress = user.Email, UnsubscribeUrl = unsubscribe, CreatedAt = now, NextAttemptAt = now,
                Subject = items.Count == 1
                    ? localizer["{0}: 1 notification since your last digest", brand.SiteName]
                    : localizer["{0}: {1} notifications since your last digest", brand.SiteName, items.Count],
                HtmlBody = NotificationMailer.Body(localizer, times, user.UserName!, items, urls, unsubscribe),
            });
            sent++;
        }
        await db.SaveChangesAsync(ct);
        return sent;
    }
}

public sealed class DailyDigestWorker(IServiceScopeFactory scopes, NotificationMailOptions options, ILogger<DailyDigestWorker> log) : PeriodicJob(scopes, log)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(15);
    protected override bool IsEnabled => options.DispatcherEnabled;

    protected override async Task RunAsync(IServiceProvider services, CancellationToken ct) =>
        await services.GetRequiredService<DailyDigest>().RunAsync(ct);
}

public static class MailPreferences
{
    public sealed record Command(string UserId, MailPreference? Preference) : Mediator.ICommand, IValidate
    {
        public IEnumerable<(string Field, string Message)> Validate()
        {
            if (Preference is null || !Enum.IsDefined(Preference.Value)) yield return ("Preference", "Choose immediate, daily digest or off.");
        }
    }

    public sealed class Handler(CommunityDb db, TimeProvider clock) : Mediator.ICommandHandler<Command>
    {
        public async ValueTask<Mediator.Unit> Handle(Command cmd, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            // The first digest covers what happened after switching, not what was already mailed one by one.
            await db.Users.Where(u => u.Id == cmd.UserId && u.MailPreference != cmd.Preference).ExecuteUpdateAsync(s => s
                .SetProperty(u => u.MailPreference, cmd.Preference!.Value)
                .SetProperty(u => u.LastDigestAt, u => cmd.Preference == MailPreference.DailyDigest ? now : u.LastDigestAt), ct);
            return Mediator.Unit.Value;
        }
    }

    /// <summary>One-click unsubscribe from a mail: the token proves the link came from a mail to this person.</summary>
    public sealed record Unsubscribe(string? UserId, string? Token) : Mediator.ICommand<bool>;

    public sealed class UnsubscribeHandler(CommunityDb db) : Mediator.ICommandHandler<Unsubscribe, bool>
    {
        public async ValueTask<bool> Handle(Unsubscribe cmd, CancellationToken ct)
        {
            if (string.IsNullOrEmpty(cmd.UserId) || string.IsNullOrEmpty(cmd.Token)) return false;
            var user = await db.Users.FirstOrDefaultAsync(u => u.Id == cmd.UserId, ct);
            if (user?.UnsubscribeToken is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(user.UnsubscribeToken), Encoding.ASCII.GetBytes(cmd.Token))) return false;
            user.MailPreference = MailPreference.Off;
            await db.SaveChangesAsync(ct);
            return true;
        }
    }
}
