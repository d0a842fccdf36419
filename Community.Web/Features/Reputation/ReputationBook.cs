using Community.Domain;
using Community.Domain.Notifications;
using Community.Domain.Reputation;
using Community.Domain.Threads;
using Community.Web.Data;
using Community.Web.Features.Notifications;
using Community.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Community.Web.Features.Reputation;

/// <summary>
/// Writes reputation: one append-only ledger row per change, and in the same transaction the cached total on
/// the user and the per-hub, per-day aggregates that leaderboards read. Invariant: Users.Reputation == sum(Ledger).
/// </summary>
public sealed class ReputationBook(CommunityDb db, Notifier notifier, PointsRules rules, CommunityCalendar calendar, Webhooks.CrmEvents crm)
{
    private static readonly PointsReason[] KudosReasons = [PointsReason.KudosReceived, PointsReason.KudosWithdrawn];
    private static readonly PointsReason[] SolutionReasons = [PointsReason.SolutionAccepted, PointsReason.SolutionUnmarked, PointsReason.AskerAccepted, PointsReason.AskerUnaccepted];

    /// <summary>A kudos row was just inserted: book its points unless capped or serial voting.</summary>
    public async Task OnKudosGivenAsync(Post post, int hubId, string voterId, DateTimeOffset at, CancellationToken ct)
    {
        var today = calendar.DayKey(at);
        var earnedToday = await db.Ledger
            .Where(l => l.UserId == post.AuthorId && l.Day == today && KudosReasons.Contains(l.Reason))
            .SumAsync(l => l.Points, ct);
        var since = at.AddHours(-24);
        var votesToAuthor = await db.Kudos
            .CountAsync(k => k.UserId == voterId && k.GivenAt >= since && db.Posts.Any(p => p.Id == k.PostId && p.AuthorId == post.AuthorId), ct);

        var outcome = rules.ForKudos(post, voterId, earnedToday, votesToAuthor);
        if (outcome.IsSerialVoting) await ReportSerialVotingAsync(voterId, post.AuthorId, votesToAuthor, today, at, ct);
        if (outcome.Booking is { } booking) await BookAsync(booking, at, post.Id, post.ThreadId, hubId, ct: ct);
    }

    /// <summary>A kudos row was just deleted: whatever it earned is reversed.</summary>
    public Task OnKudosWithdrawnAsync(Post post, int hubId, string voterId, DateTimeOffset at, CancellationToken ct) =>
        ReverseAsync(db.Ledger.Where(l => l.PostId == post.Id && l.SourceUserId == voterId && KudosReasons.Contains(l.Reason)), hubId, post.ThreadId, at, ct);

    public async Task OnSolutionMarkedAsync(ForumThread thread, Post answer, DateTimeOffset at, CancellationToken ct)
    {
        foreach (var booking in rules.ForSolution(thread, answer))
            await BookAsync(booking, at, answer.Id, thread.Id, thread.HubId, solutions: booking.Reason == PointsReason.SolutionAccepted ? 1 : 0, ct: ct);
        if (answer.AuthorId != thread.AuthorId)
        {
            var solutions = await db.ReputationTotals.Where(t => t.HubId == ReputationDaily.AllHubs && t.UserId == answer.AuthorId).Select(t => t.Solutions).FirstOrDefaultAsync(ct);
            foreach (var badge in Badges.ForSolutions(solutions)) await AwardBadgeAsync(answer.AuthorId, badge, at, ct);
        }
    }

    public Task OnSolutionUnmarkedAsync(ForumThread thread, int answerId, DateTimeOffset at, CancellationToken ct) =>
        ReverseAsync(db.Ledger.Where(l => l.PostId == answerId && SolutionReasons.Contains(l.Reason)), thread.HubId, thread.Id, at, ct);

    /// <summary>Everything a post earned is taken back (a moderator hid or removed it).</summary>
    public Task ReverseAllForPostAsync(Post post, int hubId, DateTimeOffset at, CancellationToken ct) =>
        ReverseAsync(db.Ledger.Where(l => l.PostId == post.Id), hubId, post.ThreadId, at, ct);

    /// <summary>A moderator marked the post as spam: what it earned is reversed and its author pays the spam penalty.</summary>
    public async Task OnSpamAsync(Post post, int hubId, DateTimeOffset at, CancellationToken ct)
    {
        await ReverseAllForPostAsync(post, hubId, at, ct);
        if (rules.Options.SpamRemoved != 0)
            await BookAsync(new Booking(post.AuthorId, rules.Options.SpamRemoved, PointsReason.SpamRemoved), at, post.Id, post.ThreadId, hubId, ct: ct);
    }

    /// <summary>
    /// A hidden post is back: a spam penalty is taken back and its kudos earn again under the usual rules (daily cap,
    /// serial voting). A solution is not restored; the asker marks it again if it still is one.
    /// </summary>
    public async Task OnPostRestoredAsync(Post post, int hubId, DateTimeOffset at, CancellationToken ct)
    {
        await ReverseAsync(db.Ledger.Where(l => l.PostId == post.Id && (l.Reason == PointsReason.SpamRemoved || l.Reason == PointsReason.SpamRestored)), hubId, post.ThreadId, at, ct);
        var voters = await db.Kudos.Where(k => k.PostId == post.Id).OrderBy(k => k.GivenAt).Select(k => k.UserId).ToListAsync(ct);
        foreach (var voter in voters) await OnKudosGivenAsync(post, hubId, voter, at, ct);
    }

    public async Task OnAnswerPostedAsync(Post answer, int hubId, DateTimeOffset at, CancellationToken ct)
    {
        await AddToAggregatesAsync(answer.AuthorId, hubId, calendar.DayKey(at), 0, 0, 1, daily: true, ct);
        await AwardBadgeAsync(answer.AuthorId, Badges.FirstAnswer, at, ct);
    }

    /// <summary>
    /// Books one row. Bonuses are kept out of the daily aggregates so they do not count for the next month's hero.
    /// A linked person's credit or debit goes into the outbox in the same transaction: no credit without its event.
    /// </summary>
    public async Task BookAsync(Booking booking, DateTimeOffset at, int? postId, int? threadId, int? hubId, int solutions = 0, bool countInPeriods = true, CancellationToken ct = default)
    {
        var day = calendar.DayKey(at);
        var entry = new LedgerEntry
        {
            UserId = booking.UserId, Points = booking.Points, Reason = booking.Reason, SourceUserId = booking.SourceUserId,
            PostId = postId, ThreadId = threadId, HubId = hubId, At = at, Day = day,
        };
        db.Ledger.Add(entry);
        await db.SaveChangesAsync(ct);
        await db.Users.Where(u => u.Id == booking.UserId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.Reputation, u => u.Reputation + booking.Points), ct);
        await AddToAggregatesAsync(booking.UserId, hubId, day, booking.Points, solutions, 0, countInPeriods, ct);
        await crm.OnLedgerRowAsync(entry, ct);
    }

    public async Task<bool> AwardBadgeAsync(string userId, BadgeInfo badge, DateTimeOffset at, CancellationToken ct)
    {
        var stored = db.StoredTime(at);
        var inserted = await db.Database.ExecuteSqlInterpolatedAsync(
            $"""INSERT INTO "UserBadges" ("UserId", "Badge", "AwardedAt") VALUES ({userId}, {badge.Key}, {stored}) ON CONFLICT DO NOTHING""", ct);
        if (inserted == 0) return false;
        var name = await db.Users.Where(u => u.Id == userId).Select(u => u.UserName).FirstAsync(ct);
        await notifier.NotifyAsync(new Notification
        {
            UserId = userId, Kind = NotificationKind.Badge, Url = Urls.Profile(name!), CreatedAt = at,
        }.Saying("You earned the badge \"{0}\": {1}", new UiText(badge.Name), new UiText(badge.Description)), ct);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>
    /// Books the opposite of what is still standing. Each reversal goes to the hub the original row was booked in,
    /// so a thread moved since keeps its old hub's totals right.
    /// </summary>
    private async Task ReverseAsync(IQueryable<LedgerEntry> rows, int hubId, int threadId, DateTimeOffset at, CancellationToken ct)
    {
        var nets = await rows.GroupBy(l => new { l.UserId, l.Reason, l.PostId, l.SourceUserId, l.HubId })
            .Select(g => new { g.Key.UserId, g.Key.Reason, g.Key.PostId, g.Key.SourceUserId, g.Key.HubId, Points = g.Sum(l => l.Points) })
            .ToListAsync(ct);
        // Reversing rows carry the reversal reason; pair them with what they reverse to get what is still standing.
        var standing = nets
            .GroupBy(n => new { n.UserId, n.PostId, n.SourceUserId, n.HubId, Family = Family(n.Reason) })
            .Select(g => new { g.Key.UserId, g.Key.PostId, g.Key.SourceUserId, g.Key.HubId, g.Key.Family, Points = g.Sum(x => x.Points) })
            .Where(x => x.Points != 0)
            .ToList();
        foreach (var s in standing)
        {
            var solutions = s.Family == PointsReason.SolutionAccepted ? -1 : 0;
            await BookAsync(new Booking(s.UserId, -s.Points, PointsRules.ReversalOf(s.Family), s.SourceUserId), at, s.PostId, threadId, s.HubId ?? hubId, solutions, ct: ct);
        }
    }

    /// <summary>The reason a row was originally booked for (a withdrawal belongs to the kudos it undoes).</summary>
    private static PointsReason Family(PointsReason r) => r switch
    {
        PointsReason.KudosWithdrawn => PointsReason.KudosReceived,
        PointsReason.SolutionUnmarked => PointsReason.SolutionAccepted,
        PointsReason.AskerUnaccepted => PointsReason.AskerAccepted,
        PointsReason.SpamRestored => PointsReason.SpamRemoved,
        _ => r,
    };

    private async Task ReportSerialVotingAsync(string voterId, string authorId, int votes, int day, DateTimeOffset at, CancellationToken ct)
    {
        var names = await db.Users.Where(u => u.Id == voterId || u.Id == authorId).ToDictionaryAsync(u => u.Id, u => u.UserName!, ct);
        var detail = $"{names.GetValueOrDefault(voterId)} gave {names.GetValueOrDefault(authorId)} {votes} kudos within 24 hours; kudos beyond the limit earn no points.";
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "ModeratorAlerts" ("Kind", "UserId", "OtherUserId", "Day", "Detail", "CreatedAt")
            VALUES ({(int)AlertKind.SerialVoting}, {voterId}, {authorId}, {day}, {detail}, {db.StoredTime(at)})
            ON CONFLICT ("Kind", "UserId", "OtherUserId", "Day") DO UPDATE SET "Detail" = excluded."Detail"
            """, ct);
    }

    private async Task AddToAggregatesAsync(string userId, int? hubId, int day, int points, int solutions, int answers, bool daily, CancellationToken ct)
    {
        foreach (var hub in await HubChainAsync(hubId, ct))
        {
            if (daily)
                await db.Database.ExecuteSqlInterpolatedAsync($"""
                    INSERT INTO "ReputationDaily" ("HubId", "Day", "UserId", "Points", "Solutions", "Answers") VALUES ({hub}, {day}, {userId}, {points}, {solutions}, {answers})
                    ON CONFLICT ("HubId", "Day", "UserId") DO UPDATE SET "Points" = "ReputationDaily"."Points" + excluded."Points",
                        "Solutions" = "ReputationDaily"."Solutions" + excluded."Solutions", "Answers" = "ReputationDaily"."Answers" + excluded."Answers"
                    """, ct);
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO "ReputationTotals" ("HubId", "UserId", "Points", "Solutions", "Answers") VALUES ({hub}, {userId}, {points}, {solutions}, {answers})
                ON CONFLICT ("HubId", "UserId") DO UPDATE SET "Points" = "ReputationTotals"."Points" + excluded."Points",
                    "Solutions" = "ReputationTotals"."Solutions" + excluded."Solutions", "Answers" = "ReputationTotals"."Answers" + excluded."Answers"
                """, ct);
        }
    }

    /// <summary>The hub, its ancestors, and 0 for the whole community: a point in "iPhone 16" counts for "Apple" and "Smartphones".</summary>
    private async Task<List<int>> HubChainAsync(int? hubId, CancellationToken ct)
    {
        var chain = new List<int>();
        if (hubId is { } id)
        {
            var parents = await db.Hubs.AsNoTracking().Select(h => new { h.Id, h.ParentId }).ToDictionaryAsync(h => h.Id, h => h.ParentId, ct);
            for (int? h = id; h is not null && !chain.Contains(h.Value); h = parents.GetValueOrDefault(h.Value)) chain.Add(h.Value);
        }
        chain.Add(ReputationDaily.AllHubs);
        return chain;
    }

}
