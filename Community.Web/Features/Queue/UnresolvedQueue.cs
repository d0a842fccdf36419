using Community.Domain.Escalation;
using Community.Domain.Ranks;
using Community.Domain.Reputation;
using Community.Domain.Threads;
using Community.Web.Data;
using Community.Web.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Queue;

/// <summary>Open threads by age with their SLA state: for moderators, and for members with the queue privilege.</summary>
public static class UnresolvedQueue
{
    public const int Scan = 2000;
    public const int Shown = 200;

    public sealed record Row(
        int ThreadId, string Title, string Slug, string HubSlug, string HubName, string AuthorName, DateTimeOffset AskedAt,
        DateTimeOffset? FirstAnswerAt, int AnswerCount, SlaState Sla, SlaPolicy Policy, bool IsEscalated)
    {
        public string Url => Urls.Thread(ThreadId, Slug);
    }

    public sealed record Model(IReadOnlyList<Row> Rows, int OpenCount, int FirstAnswerBreaches, int SolutionBreaches, string? HubName, IReadOnlyList<string> MyHubNames);

    public sealed record Query(string ViewerId, bool ViewerIsModerator, string? HubSlug, bool OnlyBreached, bool MyHubs, DateTimeOffset Now) : IQuery<Model?>;

    public sealed class Handler(CommunityDb db, RankLadder ranks, SlaBook sla) : IQueryHandler<Query, Model?>
    {
        public async ValueTask<Model?> Handle(Query q, CancellationToken ct)
        {
            var reputation = await db.Users.Where(u => u.Id == q.ViewerId).Select(u => u.Reputation).FirstAsync(ct);
            ranks.Ensure(reputation, q.ViewerIsModerator, Privilege.SeeUnansweredQueue);

            var hubs = await db.Hubs.AsNoTracking().Select(h => new { h.Id, h.ParentId, h.Slug, h.Name }).ToListAsync(ct);
            var tree = hubs.ToDictionary(h => h.Id, h => (h.ParentId, h.Slug));
            IReadOnlyList<int>? scope = null;
            string? hubName = null;
            IReadOnlyList<string> myHubNames = [];
            if (!string.IsNullOrEmpty(q.HubSlug))
            {
                var hub = hubs.FirstOrDefault(h => h.Slug == q.HubSlug);
                if (hub is null) return null;
                hubName = hub.Name;
                scope = Subtree([hub.Id]);
            }
            else if (q.MyHubs)
            {
                // "Their" hubs: where the viewer has earned points. Breaching threads there are offered to them.
                var mine = await db.ReputationTotals.Where(t => t.UserId == q.ViewerId && t.HubId != ReputationDaily.AllHubs && t.Points > 0)
                    .Select(t => t.HubId).ToListAsync(ct);
                scope = Subtree(mine);
                myHubNames = hubs.Where(h => mine.Contains(h.Id) && (h.ParentId is null || !mine.Contains(h.ParentId.Value))).Select(h => h.Name).ToList();
            }

            var threads = await db.Threads.AsNoTracking()
                .Where(t => t.Status == ThreadStatus.Open && (scope == null || scope.Contains(t.HubId)))
                .OrderBy(t => t.CreatedAt).Take(Scan)
                .Join(db.Users, t => t.AuthorId, u => u.Id, (t, u) => new { t.Id, t.Title, t.Slug, t.HubId, Author = u.UserName!, t.CreatedAt, t.FirstAnswerAt, t.AnswerCount })
                .ToListAsync(ct);
            var ids = threads.Select(t => t.Id).ToList();
            var escalated = (await db.Escalations.Where(e => ids.Contains(e.ThreadId) && e.Status != EscalationStatus.Resolved).Select(e => e.ThreadId).ToListAsync(ct)).ToHashSet();
            var names = hubs.ToDictionary(h => h.Id, h => (h.Slug, h.Name));

            var rows = threads.Select(t =>
            {
                var policy = sla.For(t.HubId, tree);
                return new Row(t.Id, t.Title, t.Slug, names[t.HubId].Slug, names[t.HubId].Name, t.Author, t.CreatedAt, t.FirstAnswerAt, t.AnswerCount,
                    SlaBook.Evaluate(t.CreatedAt, t.FirstAnswerAt, false, q.Now, policy), policy, escalated.Contains(t.Id));
            }).ToList();
            var ordered = SlaBook.Order(rows, r => r.Sla, r => r.AskedAt).Where(r => !q.OnlyBreached || r.Sla.IsBreached).Take(Shown).ToList();
            return new Model(ordered, rows.Count, rows.Count(r => r.Sla is { IsAnswered: false, IsFirstAnswerBreached: true }), rows.Count(r => r.Sla.IsSolutionBreached), hubName, myHubNames);

            List<int> Subtree(IEnumerable<int> roots) => HubTree.WithDescendants(hubs.Select(h => (h.Id, h.ParentId)), roots);
        }
    }
}
