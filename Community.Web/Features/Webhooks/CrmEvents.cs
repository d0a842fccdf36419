using System.Text.Json;
using Community.Domain.Crm;
using Community.Domain.Reputation;
using Community.Web.Data;
using Community.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Webhooks;

/// <summary>
/// What the CRM hears about, always from inside the transaction that makes it true. Only people with an active
/// customer link produce reputation and hero events: no consent, no data leaves.
/// </summary>
public sealed class CrmEvents(CommunityDb db, Outbox outbox, PublicUrls urls)
{
    public const string OpeningBalanceReason = "opening_balance";

    public sealed record CreditData(
        string CustomerNumber, string UserId, string UserName, int Points, int Balance, string Reason,
        long? LedgerEntryId, string? ThreadUrl, string? ThreadTitle, string? Hub, DateTimeOffset BookedAt);

    public sealed record LinkData(string CustomerNumber, string UserId, string UserName, string ConsentVersion, DateTimeOffset ConsentedAt, DateTimeOffset? UnlinkedAt, int Balance);

    public sealed record HeroData(string CustomerNumber, string UserId, string UserName, string Month, int Points, int Solutions, int Bonus, string HallOfFameUrl);

    /// <summary>A person's account events go out in the order they happened: account.linked before its credits, credits in ledger order.</summary>
    public static string OrderingKey(string userId) => "user:" + userId;

    public static string ReasonName(PointsReason reason) => JsonNamingPolicy.SnakeCaseLower.ConvertName(reason.ToString());

    public Task<string?> ActiveCustomerNumberAsync(string userId, CancellationToken ct) =>
        db.CustomerLinks.Where(l => l.UserId == userId && l.UnlinkedAt == null).Select(l => l.CustomerNumber).FirstOrDefaultAsync(ct);

    /// <summary>A ledger row was just written: a linked person's CRM account is credited or debited by the same amount.</summary>
    public async Task OnLedgerRowAsync(LedgerEntry row, CancellationToken ct)
    {
        if (row.Points == 0) return;
        if (await ActiveCustomerNumberAsync(row.UserId, ct) is not { } customer) return;
        await db.CustomerLinks.Where(l => l.UserId == row.UserId && l.UnlinkedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.CreditedPoints, l => l.CreditedPoints + row.Points), ct);
        var user = await db.Users.Where(u => u.Id == row.UserId).Select(u => new { u.UserName, u.Reputation }).FirstAsync(ct);
        var thread = row.ThreadId is { } tid
            ? await db.Threads.Where(t => t.Id == tid).Select(t => new { t.Id, t.Slug, t.Title }).FirstOrDefaultAsync(ct)
            : null;
        var hub = row.HubId is { } hid ? await db.Hubs.Where(h => h.Id == hid).Select(h => h.Slug).FirstOrDefaultAsync(ct) : null;
        var data = new CreditData(customer, row.UserId, user.UserName!, Math.Abs(row.Points), user.Reputation, ReasonName(row.Reason), row.Id,
            thread is null ? null : urls.Thread(thread.Id, thread.Slug), thread?.Title, hub, row.At);
        await outbox.EnqueueAsync(row.Points > 0 ? WebhookEventTypes.ReputationCredited : WebhookEventTypes.ReputationDebited, data, ct, orderingKey: OrderingKey(row.UserId));
    }

    /// <summary>
    /// Linking sends account.linked and then the balance so far as one opening credit; every later ledger row follows.
    /// Relinking the same number credits only what was earned in between, so the CRM never gets a point twice.
    /// </summary>
    public async Task OnLinkedAsync(CustomerLink link, CancellationToken ct)
    {
        var user = await db.Users.Where(u => u.Id == link.UserId).Select(u => new { u.UserName, u.Reputation }).FirstAsync(ct);
        var sentBefore = await db.CustomerLinks
            .Where(l => l.UserId == link.UserId && l.CustomerNumber == link.CustomerNumber && l.UnlinkedAt != null)
            .SumAsync(l => l.CreditedPoints, ct);
        var opening = user.Reputation - sentBefore;
        link.CreditedPoints = opening;
        await db.SaveChangesAsync(ct);
        await outbox.EnqueueAsync(WebhookEventTypes.AccountLinked,
            new LinkData(link.CustomerNumber, link.UserId, user.UserName!, link.ConsentVersion, link.ConsentedAt, null, user.Reputation), ct, orderingKey: OrderingKey(link.UserId));
        if (opening == 0) return;
        await outbox.EnqueueAsync(opening > 0 ? WebhookEventTypes.ReputationCredited : WebhookEventTypes.ReputationDebited,
            new CreditData(link.CustomerNumber, link.UserId, user.UserName!, Math.Abs(opening), user.Reputation, OpeningBalanceReason,
                null, null, null, null, link.ConsentedAt), ct, orderingKey: OrderingKey(link.UserId));
    }

    public async Task OnUnlinkedAsync(CustomerLink link, CancellationToken ct)
    {
        var user = await db.Users.Where(u => u.Id == link.UserId).Select(u => new { u.UserName, u.Reputation }).FirstAsync(ct);
        await outbox.EnqueueAsync(WebhookEventTypes.AccountUnlinked,
            new LinkData(link.CustomerNumber, link.UserId, user.UserName!, link.ConsentVersion, link.ConsentedAt, link.UnlinkedAt, user.Reputation), ct, orderingKey: OrderingKey(link.UserId));
    }

    public async Task OnHeroAwardedAsync(string userId, string month, int points, int solutions, int bonus, CancellationToken ct)
    {
        if (await ActiveCustomerNumberAsync(userId, ct) is not { } customer) return;
        var name = await db.Users.Where(u => u.Id == userId).Select(u => u.UserName).FirstAsync(ct);
        await outbox.EnqueueAsync(WebhookEventTypes.HeroOfMonthAwarded,
            new HeroData(customer, userId, name!, month, points, solutions, bonus, urls.Absolute("/hall-of-fame")), ct, orderingKey: OrderingKey(userId));
    }
}
