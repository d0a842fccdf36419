using Community.Domain.Notifications;
using Community.Domain.Outbox;
using Community.Web.Data;
using Community.Web.Infrastructure;
using Community.Web.Infrastructure.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Notifications;

/// <summary>
/// The mail channel of the outbox (claiming, leases, retries and giving up are <see cref="OutboxDispatcher{TDelivery, TWork}"/>'s):
/// an SMTP server that is down means a retry later, never a failed request.
/// </summary>
public sealed class MailDispatcher(IServiceScopeFactory scopes, IMailSender sender, NotificationMailOptions options, SmtpOptions smtp, TimeProvider clock, OutboxDoorbell doorbell, ILogger<MailDispatcher> log)
    : OutboxDispatcher<OutgoingMail, MailDispatcher.Work>(scopes, doorbell, clock, log)
{
    public sealed record Work(long DeliveryId, string Claim, MailMessage Message) : IOutboxWork;

    /// <summary>Small batches: each SMTP conversation is slow, and several instances share the queue.</summary>
    public const int BatchSize = 5;

    /// <summary>An attempt is one SMTP conversation, cut off at <c>Mail:Smtp:Timeout</c>.</summary>
    protected override OutboxChannelSettings Settings { get; } = new(
        "Mail", options.DispatcherEnabled, options.PollInterval, BatchSize, MaxParallel: 2, smtp.Timeout, smtp.Timeout * 3 + TimeSpan.FromSeconds(30),
        new RetrySchedule(options.RetryDelays.Count > 0 ? options.RetryDelays : NotificationMailOptions.DefaultRetryDelays));

    protected override IQueryable<OutgoingMail> Claimable(CommunityDb db) => db.OutgoingMails;

    protected override async Task<IReadOnlyList<Work>> LoadAsync(CommunityDb db, string claim, DateTimeOffset now, CancellationToken ct) =>
        (await db.OutgoingMails.AsNoTracking().Where(m => m.LeaseOwner == claim).OrderBy(m => m.Id).ToListAsync(ct))
            .Select(m => new Work(m.Id, claim, new MailMessage(m.ToAddress, m.Subject, m.HtmlBody, m.UnsubscribeUrl)))
            .ToList();

    protected override async Task<DeliveryOutcome> SendOnceAsync(Work work, CancellationToken ct)
    {
        var started = Clock.GetTimestamp();
        try
        {
            await sender.SendAsync(work.Message, ct);
            return DeliveryOutcome.Sent(null, (int)Clock.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning("Mail {Id} to {To} not sent: {Error}", work.DeliveryId, MailAddressLog.Mask(work.Message.To), e.Message);
            return DeliveryOutcome.Failure(null, e.Message, (int)Clock.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}
