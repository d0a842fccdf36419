using System.Globalization;
using System.Text.Json;
using Community.Domain.Crm;
using Community.Domain.Dashboard;
using Community.Domain.Escalation;
using Community.Domain.Reputation;
using Community.Domain.Threads;
using Community.Web.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Dashboard;

/// <summary>What the community is worth, per month: contacts and euros saved, speed, who solved, helpers, CRM points.</summary>
public static class ValueDashboard
{
    public sealed record MonthFigures(
        Month Month, long SolvedThreadViews, int DeflectedContacts, decimal SavedCost, int QuestionsAsked, int AnsweredWithinSla,
        double? AnsweredWithinSlaShare, TimeSpan? MedianTimeToFirstAnswer, TimeSpan? MedianTimeToSolution, int SolvedByCommunity,
        int SolvedBySupport, double? CommunitySolvedShare, int Escalations, int ActiveExperts, int PointsCreditedToCrm);

    public sealed record Helper(string Name, int Points, int Solutions);

    public sealed record Model(IReadOnlyList<MonthFigures> Months, IReadOnlyList<Helper> TopHelpers, string? HubName, string? HubSlug, ValueOptions Options);

    public sealed record Query(Month Last, int MonthCount, string? HubSlug) : IQuery<Model?>;

    public sealed class Handler(CommunityDb db, CommunityCalendar calendar, SlaBook sla, ValueOptions options, TimeProvider clock) : IQueryHandler<Query, Model?>
    {
        public async ValueTask<Model?> Handle(Query q, CancellationToken ct)
        {
            var months = new List<Month> { q.Last };
            while (months.Count < Math.Clamp(q.MonthCount, 1, 36)) months.Insert(0, months[0].Previous);
            var first = months[0];
            var start = calendar.StartOf(first.FirstDay);
            var end = calendar.StartOf(q.Last.Next.FirstDay);

            var hubs = await db.Hubs.AsNoTracking().Select(h => new { h.Id, h.ParentId, h.Slug, h.Name }).ToListAsync(ct);
            var tree = hubs.ToDictionary(h => h.Id, h => (h.ParentId, h.Slug));
            List<int>? scope = null;
            string? hubName = null;
            if (!string.IsNullOrEmpty(q.HubSlug))
            {
                var hub = hubs.FirstOrDefault(h => h.Slug == q.HubSlug);
                if (hub is null) return null;
                hubName = hub.Name;
                scope = HubTree.WithDescendants(hubs.Select(h => (h.Id, h.ParentId)), [hub.Id]);
            }
            var aggregateHub = scope?[0] ?? ReputationDaily.AllHubs;

            var views = await db.ThreadViewsDaily.AsNoTracking()
                .Where(v => v.Day >= first.FirstDayKey && v.Day <= q.Last.LastDayKey && (scope == null || scope.Contains(v.HubId)))
                .GroupBy(v => v.Day).Select(g => new { Day = g.Key, Views = g.Sum(v => (long)v.Views) }).ToListAsync(ct);
            var asked = await db.Threads.AsNoTracking()
                .Where(t => t.CreatedAt >= start && t.CreatedAt < end && (scope == null || scope.Contains(t.HubId)))
                .Select(t => new { t.HubId, t.CreatedAt, t.FirstAnswerAt, t.SolvedAt }).ToListAsync(ct);
            var support = db.UsersInRoles(Roles.Support);
            var solved = await (
                from t in db.Threads.AsNoTracking()
                where t.SolvedAt >= start && t.SolvedAt < end && (scope == null || scope.Contains(t.HubId))
                join p in db.Posts on t.AcceptedPostId equals p.Id
                select new { SolvedAt = t.SolvedAt!.Value, BySupport = p.IsOfficial || support.Contains(p.AuthorId) })
                .ToListAsync(ct);
            var escalations = await (
                from e in db.Escalations.AsNoTracking()
                where e.EscalatedAt >= start && e.EscalatedAt < end
                join t in db.Threads on e.ThreadId equals t.Id
                where scope == null || scope.Contains(t.HubId)
                select e.EscalatedAt).ToListAsync(ct);
            var daily = await db.ReputationDaily.AsNoTracking()
                .Where(d => d.HubId == aggregateHub && d.Day >= first.FirstDayKey && d.Day <= q.Last.LastDayKey)
                .Select(d => new { d.Day, d.UserId, d.Points, d.Solutions }).ToListAsync(ct);
            var hubSlugs = scope?.Select(id => tree[id].Slug).ToHashSet();
            var credits = (await db.OutboxEvents.AsNoTracking()
                    .Where(e => e.CreatedAt >= start && e.CreatedAt < end && (e.Type == WebhookEventTypes.ReputationCredited || e.Type == WebhookEventTypes.ReputationDebited))
                    .Select(e => new { e.CreatedAt, e.Type, e.Payload }).ToListAsync(ct))
                .Select(e =>
                {
                    using var doc = JsonDocument.Parse(e.Payload);
                    var data = doc.RootElement.GetProperty("data");
                    var hub = data.TryGetProperty("hub", out var h) && h.ValueKind == JsonValueKind.String ? h.GetString() : null;
                    var points = data.GetProperty("points").GetInt32() * (e.Type == WebhookEventTypes.ReputationCredited ? 1 : -1);
                    return new { e.CreatedAt, Hub = hub, Points = points };
                })
                .Where(c => hubSlugs is null || (c.Hub is not null && hubSlugs.Contains(c.Hub)))
                .ToList();

            var figures = months.Select(m =>
            {
                bool In(DateTimeOffset at) => calendar.MonthOf(at) == m;
                var solvedViews = views.Where(v => v.Day >= m.FirstDayKey && v.Day <= m.LastDayKey).Sum(v => v.Views);
                var deflected = ValueFigures.DeflectedContacts(solvedViews, options.DeflectionRate);
                var monthAsked = asked.Where(t => In(t.CreatedAt)).ToList();
                // Only questions that were answered or whose first-answer time is up count: a question asked a minute ago is not a miss.
                var now = clock.GetUtcNow();
                var judged = monthAsked.Where(t => t.FirstAnswerAt is not null || now - t.CreatedAt > sla.For(t.HubId, tree).FirstAnswerWithin).ToList();
                var inSla = judged.Count(t => t.FirstAnswerAt is { } a && a - t.CreatedAt <= sla.For(t.HubId, tree).FirstAnswerWithin);
                var monthSolved = solved.Where(s => In(s.SolvedAt)).ToList();
                var bySupport = monthSolved.Count(s => s.BySupport);
                var monthDaily = daily.Where(d => d.Day >= m.FirstDayKey && d.Day <= m.LastDayKey).ToList();
                return new MonthFigures(m, solvedViews, deflected, ValueFigures.SavedCost(deflected, options.CostPerContact), monthAsked.Count, inSla,
                    ValueFigures.Share(inSla, judged.Count),
                    ValueFigures.Median(monthAsked.Where(t => t.FirstAnswerAt is not null).Select(t => t.FirstAnswerAt!.Value - t.CreatedAt)),
                    ValueFigures.Median(monthAsked.Where(t => t.SolvedAt is not null).Select(t => t.SolvedAt!.Value - t.CreatedAt)),
                    monthSolved.Count - bySupport, bySupport, ValueFigures.Share(monthSolved.Count - bySupport, monthSolved.Count),
                    escalations.Count(In), monthDaily.GroupBy(d => d.UserId).Count(g => g.Sum(d => d.Points) > 0),
                    credits.Where(c => In(c.CreatedAt)).Sum(c => c.Points));
            }).ToList();

            var lastDaily = daily.Where(d => d.Day >= q.Last.FirstDayKey).GroupBy(d => d.UserId)
                .Select(g => new { UserId = g.Key, Points = g.Sum(d => d.Points), Solutions = g.Sum(d => d.Solutions) })
                .Where(x => x.Points > 0).OrderByDescending(x => x.Points).Take(5).ToList();
            var ids = lastDaily.Select(x => x.UserId).ToList();
            var names = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName!, ct);
            return new Model(figures, lastDaily.Select(x => new Helper(names.GetValueOrDefault(x.UserId, "?"), x.Points, x.Solutions)).ToList(), hubName, q.HubSlug, options);
        }
    }

    /// <summary>One row per month, every figure, for spreadsheets.</summary>
    public static string Csv(Model model)
    {
        var ci = CultureInfo.InvariantCulture;
        string H(TimeSpan? t) => t is null ? "" : t.Value.TotalHours.ToString("0.0", ci);
        string P(double? s) => s is null ? "" : (s.Value * 100).ToString("0.0", ci);
        var lines = new List<string>
        {
            "month,solved_thread_views,deflected_contacts,saved_" + model.Options.Currency.ToLowerInvariant() + ",questions_asked,answered_within_sla,answered_within_sla_percent," +
            "median_hours_to_first_answer,median_hours_to_solution,solved_by_community,solved_by_support,community_solved_percent,escalations,active_experts,points_credited_to_crm",
        };
        lines.AddRange(model.Months.Select(m => string.Join(',',
            m.Month.ToString(), m.SolvedThreadViews, m.DeflectedContacts, m.SavedCost.ToString("0.00", ci), m.QuestionsAsked, m.AnsweredWithinSla,
            P(m.AnsweredWithinSlaShare), H(m.MedianTimeToFirstAnswer), H(m.MedianTimeToSolution), m.SolvedByCommunity, m.SolvedBySupport,
            P(m.CommunitySolvedShare), m.Escalations, m.ActiveExperts, m.PointsCreditedToCrm)));
        return string.Join("\r\n", lines) + "\r\n";
    }
}
