using Community.Domain.Reputation;
using Community.Web.Data;
using Community.Web.Features.Hubs;
using Community.Web.Infrastructure.Caching;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Reputation;

/// <summary>Top people of the community or of a hub (its sub-hubs included), read from the maintained aggregates.</summary>
public static class Leaderboard
{
    public sealed record Query(string? HubSlug, Period Period, int Take = 20) : IQuery<Model?>;

    public sealed record Model(HubNode? Hub, Period Period, IReadOnlyList<ExpertRow> Rows, IReadOnlyList<HubNode> Hubs);

    public sealed class Handler(CommunityDb db, IMediator mediator, CommunityCalendar calendar, TimeProvider clock, ListMemo memo) : IQueryHandler<Query, Model?>
    {
        public async ValueTask<Model?> Handle(Query q, CancellationToken ct)
        {
            var hubs = await mediator.Send(new HubDirectory.Query(), ct);
            HubNode? hub = null;
            if (q.HubSlug is not null)
            {
                hub = hubs.FirstOrDefault(h => h.Slug == q.HubSlug);
                if (hub is null) return null;
            }
            var rows = await RememberedTopAsync(memo, db, calendar, clock.GetUtcNow(), hub?.Id ?? ReputationDaily.AllHubs, q.Period, Math.Clamp(q.Take, 1, 100), ct);
            return new Model(hub, q.Period, rows, hubs);
        }
    }

    /// <summary>The top people of a hub already known by id (the hub page's "Find an expert").</summary>
    public sealed record TopOfHubQuery(int HubId, Period Period, int Take) : IQuery<IReadOnlyList<ExpertRow>>;

    public sealed class TopOfHubHandler(CommunityDb db, CommunityCalendar calendar, TimeProvider clock, ListMemo memo) : IQueryHandler<TopOfHubQuery, IReadOnlyList<ExpertRow>>
    {
        public async ValueTask<IReadOnlyList<ExpertRow>> Handle(TopOfHubQuery q, CancellationToken ct) =>
            await RememberedTopAsync(memo, db, calendar, clock.GetUtcNow(), q.HubId, q.Period, Math.Clamp(q.Take, 1, 100), ct);
    }

    /// <summary>The same list for everyone until the next write (<see cref="ListMemo"/>); the day is part of the key, so a period never outlives its day.</summary>
    private static Task<IReadOnlyList<ExpertRow>> RememberedTopAsync(ListMemo memo, CommunityDb db, CommunityCalendar calendar, DateTimeOffset now, int hubId, Period period, int take, CancellationToken ct) =>
        memo.GetOrAddAsync($"top:{hubId}:{period}:{take}:{calendar.DayKey(now)}", () => TopAsync(db, calendar, now, hubId, period, take, ct));

    /// <summary>
    /// Two queries: the aggregate rows of the period, then the people's names and ranks. Deleted accounts keep their
    /// points in the aggregates but are no one's expert any more: they are left out after the sum (a few more rows
    /// are read for them), not checked row by row inside it.
    /// </summary>
    public static async Task<IReadOnlyList<ExpertRow>> TopAsync(CommunityDb db, CommunityCalendar calendar, DateTimeOffset now, int hubId, Period period, int take, CancellationToken ct, IReadOnlyCollection<string>? excluding = null)
    {
        for (var extra = 10; ; extra *= 10)
        {
            var (rows, exhausted) = await TopWithSpareAsync(db, calendar, now, hubId, period, take, take + extra, excluding ?? [], ct);
            if (rows.Count >= take || exhausted) return rows;
        }
    }

    private static async Task<(IReadOnlyList<ExpertRow> Rows, bool Exhausted)> TopWithSpareAsync(CommunityDb db, CommunityCalendar calendar, DateTimeOffset now, int hubId, Period period, int take, int read, IReadOnlyCollection<string> exclude, CancellationToken ct)
    {
        List<(string UserId, int Points, int Solutions, int Answers)> top;
        if (period == Period.AllTime)
        {
            top = (await db.ReputationTotals.AsNoTracking()
                .Where(t => t.HubId == hubId && (t.Points > 0 || t.Solutions > 0) && !exclude.Contains(t.UserId))
                .OrderByDescending(t => t.Points).ThenByDescending(t => t.Solutions).ThenBy(t => t.UserId)
                .Take(read)
                .Select(t => new { t.UserId, t.Points, t.Solutions, t.Answers })
                .ToListAsync(ct)).Select(t => (t.UserId, t.Points, t.Solutions, t.Answers)).ToList();
        }
        else
        {
            var today = calendar.DayKey(now);
            var from = period == Period.Days30
                ? CommunityCalendar.DayKey(CommunityCalendar.FromDayKey(today).AddDays(-29))
                : calendar.MonthOf(now).FirstDayKey;
            top = (await db.ReputationDaily.AsNoTracking()
                .Where(d => d.HubId == hubId && d.Day >= from && d.Day <= today && !exclude.Contains(d.UserId))
                .GroupBy(d => d.UserId)
                .Select(g => new { UserId = g.Key, Points = g.Sum(d => d.Points), Solutions = g.Sum(d => d.Solutions), Answers = g.Sum(d => d.Answers) })
                .Where(t => t.Points > 0 || t.Solutions > 0)
                .OrderByDescending(t => t.Points).ThenByDescending(t => t.Solutions).ThenBy(t => t.UserId)
                .Take(read)
                .ToListAsync(ct)).Select(t => (t.UserId, t.Points, t.Solutions, t.Answers)).ToList();
        }
        var ids = top.Select(t => t.UserId).ToList();
        var people = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id) && u.DeletedAt == null)
            .Select(u => new { u.Id, u.UserName, u.Reputation, u.Title }).ToDictionaryAsync(u => u.Id, ct);
        var rows = top.Where(t => people.ContainsKey(t.UserId))
            .Select(t => new ExpertRow(t.UserId, people[t.UserId].UserName!, people[t.UserId].Reputation, people[t.UserId].Title, t.Points, t.Solutions, t.Answers))
            .Take(take).ToList();
        return (rows, top.Count < read);
    }

    public static string Label(Period p) => p switch { Period.Days30 => "Last 30 days", Period.Month => "This month", _ => "All time" };

    public static string Slug(Period p) => p switch { Period.Days30 => "30d", Period.Month => "month", _ => "all" };

    public static Period Parse(string? s) => s switch { "month" => Period.Month, "all" => Period.AllTime, _ => Period.Days30 };
}
