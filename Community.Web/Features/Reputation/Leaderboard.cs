using Community.Domain.Reputation;
using Community.Web.Data;
using Community.Web.Features.Hubs;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Reputation;

/// <summary>Top people of the community or of a hub (its sub-hubs included), read from the maintained aggregates.</summary>
public static class Leaderboard
{
    public sealed record Query(string? HubSlug, Period Period, int Take = 20) : IQuery<Model?>;

    public sealed record Model(HubNode? Hub, Period Period, IReadOnlyList<ExpertRow> Rows, IReadOnlyList<HubNode> Hubs);

    public sealed class Handler(CommunityDb db, IMediator mediator, CommunityCalendar calendar, TimeProvider clock) : IQueryHandler<Query, Model?>
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
            var rows = await TopAsync(db, calendar, clock.GetUtcNow(), hub?.Id ?? ReputationDaily.AllHubs, q.Period, Math.Clamp(q.Take, 1, 100), ct);
            return new Model(hub, q.Period, rows, hubs);
        }
    }

    /// <summary>The top people of a hub already known by id (the hub page's "Find an expert").</summary>
    public sealed record TopOfHubQuery(int HubId, Period Period, int Take) : IQuery<IReadOnlyList<ExpertRow>>;

    public sealed class TopOfHubHandler(CommunityDb db, CommunityCalendar calendar, TimeProvider clock) : IQueryHandler<TopOfHubQuery, IReadOnlyList<ExpertRow>>
    {
        public async ValueTask<IReadOnlyList<ExpertRow>> Handle(TopOfHubQuery q, CancellationToken ct) =>
            await TopAsync(db, calendar, clock.GetUtcNow(), q.HubId, q.Period, Math.Clamp(q.Take, 1, 100), ct);
    }

    /// <summary>Two queries: the aggregate rows of the period, then the people's names and ranks.</summary>
    public static async Task<IReadOnlyList<ExpertRow>> TopAsync(CommunityDb db, CommunityCalendar calendar, DateTimeOffset now, int hubId, Period period, int take, CancellationToken ct, IReadOnlyCollection<string>? excluding = null)
    {
        var exclude = excluding ?? [];
        List<(string UserId, int Points, int Solutions, int Answers)> top;
        if (period == Period.AllTime)
        {
            top = (await db.ReputationTotals.AsNoTracking()
                .Where(t => t.HubId == hubId && (t.Points > 0 || t.Solutions > 0) && !exclude.Contains(t.UserId))
                // Deleted accounts keep their points in the totals but are no one's expert any more.
                .Where(t => db.Users.Any(u => u.Id == t.UserId && u.DeletedAt == null))
                .OrderByDescending(t => t.Points).ThenByDescending(t => t.Solutions).ThenBy(t => t.UserId)
                .Take(take)
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
                .Where(d => db.Users.Any(u => u.Id == d.UserId && u.DeletedAt == null))
                .GroupBy(d => d.UserId)
                .Select(g => new { UserId = g.Key, Points = g.Sum(d => d.Points), Solutions = g.Sum(d => d.Solutions), Answers = g.Sum(d => d.Answers) })
                .Where(t => t.Points > 0 || t.Solutions > 0)
                .OrderByDescending(t => t.Points).ThenByDescending(t => t.Solutions).ThenBy(t => t.UserId)
                .Take(take)
                .ToListAsync(ct)).Select(t => (t.UserId, t.Points, t.Solutions, t.Answers)).ToList();
        }
        var ids = top.Select(t => t.UserId).ToList();
        var people = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.UserName, u.Reputation, u.Title }).ToDictionaryAsync(u => u.Id, ct);
        return top.Where(t => people.ContainsKey(t.UserId))
            .Select(t => new ExpertRow(t.UserId, people[t.UserId].UserName!, people[t.UserId].Reputation, people[t.UserId].Title, t.Points, t.Solutions, t.Answers))
            .ToList();
    }

    public static string Label(Period p) => p switch { Period.Days30 => "Last 30 days", Period.Month => "This month", _ => "All time" };

    public static string Slug(Period p) => p switch { Period.Days30 => "30d", Period.Month => "month", _ => "all" };

    public static Period Parse(string? s) => s switch { "month" => Period.Month, "all" => Period.AllTime, _ => Period.Days30 };
}
