using Community.Domain.Reputation;
using Community.Web.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Reputation;

public static class HallOfFame
{
    public sealed record Query(int Take = 240) : IQuery<IReadOnlyList<Entry>>;

    public sealed record Entry(Month Month, string? HubName, string? HubSlug, string Name, int Reputation, string? Title, int Points, int Solutions);

    /// <summary>Every month's hero, newest first, with the top-level hubs' heroes beside them; one query.</summary>
    public sealed class Handler(CommunityDb db) : IQueryHandler<Query, IReadOnlyList<Entry>>
    {
        public async ValueTask<IReadOnlyList<Entry>> Handle(Query q, CancellationToken ct)
        {
            var rows = await (
                from a in db.HeroAwards.AsNoTracking()
                join u in db.Users on a.UserId equals u.Id
                join h in db.Hubs on a.HubId equals h.Id into hubs
                from h in hubs.DefaultIfEmpty()
                orderby a.Month descending, a.HubId
                select new { a.Month, HubName = h == null ? null : h.Name, HubSlug = h == null ? null : h.Slug, u.UserName, u.Reputation, u.Title, a.Points, a.Solutions })
                .Take(q.Take).ToListAsync(ct);
            return rows.Select(r => new Entry(Month.FromKey(r.Month), r.HubName, r.HubSlug, r.UserName!, r.Reputation, r.Title, r.Points, r.Solutions)).ToList();
        }
    }

    /// <summary>The hero to celebrate on the home page: last month's, during the month after.</summary>
    public sealed record CurrentHeroQuery : IQuery<Entry?>;

    public sealed class CurrentHeroHandler(CommunityDb db, CommunityCalendar calendar, TimeProvider clock) : IQueryHandler<CurrentHeroQuery, Entry?>
    {
        public async ValueTask<Entry?> Handle(CurrentHeroQuery q, CancellationToken ct)
        {
            var last = calendar.MonthOf(clock.GetUtcNow()).Previous;
            var row = await db.HeroAwards.AsNoTracking().Where(a => a.Month == last.Key && a.HubId == ReputationDaily.AllHubs)
                .Join(db.Users, a => a.UserId, u => u.Id, (a, u) => new { u.UserName, u.Reputation, u.Title, a.Points, a.Solutions })
                .FirstOrDefaultAsync(ct);
            return row is null ? null : new Entry(last, null, null, row.UserName!, row.Reputation, row.Title, row.Points, row.Solutions);
        }
    }
}
