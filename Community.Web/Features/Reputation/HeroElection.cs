using Community.Domain;
using Community.Domain.Notifications;
using Community.Domain.Reputation;
using Community.Web.Data;
using Community.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Reputation;

/// <summary>
/// Decides the hero of a finished month from the daily aggregates and awards them once: the HeroAwards key
/// (month, hub) turns a second, racing or late election into a no-op.
/// </summary>
public sealed class HeroElection(CommunityDb db, Notifier notifier, ReputationBook book, Webhooks.CrmEvents crm, PointsRules rules, HeroOptions options, CommunityCalendar calendar, TimeProvider clock, ILogger<HeroElection> log)
{
    public sealed record Result(Month Month, int HubId, string? UserId, bool AwardedNow);

    /// <summary>Elects every month that is over and has activity but no hero yet (at most the last 12).</summary>
    public async Task<IReadOnlyList<Result>> ElectDueMonthsAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var current = calendar.MonthOf(now);
        var first = current.Previous;
        for (var i = 0; i < 11; i++) first = first.Previous;
        var results = new List<Result>();
        for (var m = first; m.CompareTo(current) < 0; m = m.Next)
        {
            var active = await db.ReputationDaily.AnyAsync(d => d.HubId == ReputationDaily.AllHubs && d.Day >= m.FirstDayKey && d.Day <= m.LastDayKey, ct);
            var decided = await db.HeroAwards.AnyAsync(h => h.Month == m.Key && h.HubId == 0, ct);
            if (active && !decided) results.AddRange(await ElectAsync(m, ct));
        }
        return results;
    }

    /// <summary>Elects the community hero of <paramref name="month"/> and, if configured, one per top-level hub.</summary>
    public async Task<IReadOnlyList<Result>> ElectAsync(Month month, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (!HeroOfTheMonthElection.IsOver(month, now, calendar))
            throw new DomainException(UiMessage.Saying("{0} is not over yet; its hero is chosen after the month ends.", month));

        var results = new List<Result> { await ElectOneAsync(month, ReputationDaily.AllHubs, null, ct) };
        if (options.PerTopLevelHub)
        {
            var tops = await db.Hubs.AsNoTracking().Where(h => h.ParentId == null).Select(h => new { h.Id, h.Slug, h.Name }).ToListAsync(ct);
            foreach (var hub in tops) results.Add(await ElectOneAsync(month, hub.Id, (hub.Slug, hub.Name), ct));
        }
        return results;
    }

    private async Task<Result> ElectOneAsync(Month month, int hubId, (string Slug, string Name)? hub, CancellationToken ct)
    {
        var existing = await db.HeroAwards.AsNoTracking().FirstOrDefaultAsync(h => h.Month == month.Key && h.HubId == hubId, ct);
        if (existing is not null) return new Result(month, hubId, existing.UserId, false);

        var staff = options.ExcludeStaff
            ? await db.UsersInRoles(Roles.All).ToListAsync(ct)
            : [];
        var totals = await db.ReputationDaily
            .Where(d => d.HubId == hubId && d.Day >= month.FirstDayKey && d.Day <= month.LastDayKey && !staff.Contains(d.UserId))
            .Where(d => db.Users.Any(u => u.Id == d.UserId && u.DeletedAt == null))
            .GroupBy(d => d.UserId)
            .Select(g => new { UserId = g.Key, Points = g.Sum(d => d.Points), Solutions = g.Sum(d => d.Solutions) })
            .Where(t => t.Points > 0)
            .OrderByDescending(t => t.Points).ThenByDescending(t => t.Solutions)
            .Take(20)
            .ToListAsync(ct);
        if (totals.Count == 0) return new Result(month, hubId, null, false);

        // Only those tied at the top need the ledger: when did they reach their total?
        var top = totals.Where(t => t.Points == totals[0].Points && t.Solutions == totals[0].Solutions).ToList();
        var candidates = new List<HeroCandidate>();
        foreach (var t in top)
        {
            var entries = (await db.Ledger.AsNoTracking()
                .Where(l => l.UserId == t.UserId && l.Day >= month.FirstDayKey && l.Day <= month.LastDayKey && l.Reason != PointsReason.HeroOfTheMonth)
                .Select(l => new { l.At, l.Points, l.HubId }).ToListAsync(ct))
                .Select(e => (e.At, e.Points, e.HubId)).ToList();
            if (hubId != ReputationDaily.AllHubs) entries = await InHubAsync(entries, hubId, ct);
            candidates.Add(new HeroCandidate(t.UserId, t.Points, t.Solutions,
                HeroOfTheMonthElection.ReachedTotalAt(entries.Select(e => (e.At, e.Points)), t.Points)));
        }
        var hero = HeroOfTheMonthElection.Choose(candidates)!;

        var now = clock.GetUtcNow();
        var inserted = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "HeroAwards" ("Month", "HubId", "UserId", "Points", "Solutions", "AwardedAt")
            VALUES ({month.Key}, {hubId}, {hero.UserId}, {hero.Points}, {hero.Solutions}, {db.StoredTime(now)})
            ON CONFLICT ("Month", "HubId") DO NOTHING
            """, ct);
        if (inserted == 0)
        {
            var winner = await db.HeroAwards.AsNoTracking().Where(h => h.Month == month.Key && h.HubId == hubId).Select(h => h.UserId).FirstAsync(ct);
            return new Result(month, hubId, winner, false);
        }

        if (hub is null)
        {
            await book.BookAsync(new Booking(hero.UserId, rules.Options.HeroOfTheMonthBonus, PointsReason.HeroOfTheMonth), now, null, null, null, countInPeriods: false, ct: ct);
            await book.AwardBadgeAsync(hero.UserId, Badges.Hero(month), now, ct);
            await crm.OnHeroAwardedAsync(hero.UserId, month.ToString(), hero.Points, hero.Solutions, rules.Options.HeroOfTheMonthBonus, ct);
            await notifier.NotifyAsync(new Notification
            {
                UserId = hero.UserId, Kind = NotificationKind.HeroOfTheMonth, CreatedAt = now, Url = "/hall-of-fame",
            }.Saying("You are the community's hero of {0}! +{1} points. Thank you for helping.", month.ToString(), rules.Options.HeroOfTheMonthBonus), ct);
            await db.SaveChangesAsync(ct);
        }
        else
        {
            await book.AwardBadgeAsync(hero.UserId, Badges.HubHero(month, hub.Value.Slug, hub.Value.Name), now, ct);
        }
        log.LogInformation("Hero of {Month} (hub {Hub}): {User} with {Points} points", month, hubId, hero.UserId, hero.Points);
        return new Result(month, hubId, hero.UserId, true);
    }

    /// <summary>Keeps the entries whose hub is <paramref name="hubId"/> or below it.</summary>
    private async Task<List<(DateTimeOffset At, int Points, int? HubId)>> InHubAsync(List<(DateTimeOffset At, int Points, int? HubId)> entries, int hubId, CancellationToken ct)
    {
        var parents = await db.Hubs.AsNoTracking().Select(h => new { h.Id, h.ParentId }).ToDictionaryAsync(h => h.Id, h => h.ParentId, ct);
        bool Under(int? h)
        {
            for (var guard = 0; h is not null && guard < 50; guard++, h = parents.GetValueOrDefault(h.Value))
                if (h == hubId) return true;
            return false;
        }
        return entries.Where(e => Under(e.HubId)).ToList();
    }
}

/// <summary>Checks every hour whether a finished month still needs its hero; safe to run on every instance.</summary>
public sealed class HeroElectionWorker(IServiceScopeFactory scopes, HeroOptions options, ILogger<HeroElectionWorker> log) : Infrastructure.PeriodicJob(scopes, log)
{
    protected override TimeSpan Interval => options.CheckEvery;
    protected override bool IsEnabled => options.RunInBackground;

    protected override async Task RunAsync(IServiceProvider services, CancellationToken ct) =>
        await services.GetRequiredService<HeroElection>().ElectDueMonthsAsync(ct);
}
