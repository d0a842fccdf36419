using System.Text;
using System.Text.Encodings.Web;
using Community.Domain.Crm;
using Community.Domain.Notifications;
using Community.Web.Data;
using Community.Web.Features.Reputation;
using Community.Web.Infrastructure;
using Microsoft.Extensions.Localization;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Notifications;

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
