using Community.Domain.Threads;
using Community.Web.Data;
using Community.Web.Features.Threads;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Hubs;

public sealed record HubNode(int Id, int? ParentId, string Slug, string Name, string Description, int ThreadCount, int SolvedCount);

public static class HubTree
{
    /// <summary>All hubs with their thread counts: two queries.</summary>
    public sealed record Query : IQuery<IReadOnlyList<HubNode>>;

    public sealed class Handler(CommunityDb db) : IQueryHandler<Query, IReadOnlyList<HubNode>>
    {
        public async ValueTask<IReadOnlyList<HubNode>> Handle(Query q, CancellationToken ct)
        {
            var hubs = await db.Hubs.AsNoTracking().OrderBy(h => h.SortOrder).ThenBy(h => h.Name).ToListAsync(ct);
            var counts = await db.Threads.GroupBy(t => t.HubId)
                .Select(g => new { HubId = g.Key, Count = g.Count(), Solved = g.Count(t => t.Status == ThreadStatus.Solved) })
                .ToDictionaryAsync(x => x.HubId, ct);
            return hubs.Select(h => new HubNode(h.Id, h.ParentId, h.Slug, h.Name, h.Description,
                counts.GetValueOrDefault(h.Id)?.Count ?? 0, counts.GetValueOrDefault(h.Id)?.Solved ?? 0)).ToList();
        }
    }

    public static IEnumerable<HubNode> ChildrenOf(this IReadOnlyList<HubNode> all, int? parentId) => all.Where(h => h.ParentId == parentId);

    /// <summary>The hub and every hub below it.</summary>
    public static List<int> WithDescendants(this IReadOnlyList<HubNode> all, int id) =>
        Community.Domain.Threads.HubTree.WithDescendants(all.Select(h => (h.Id, h.ParentId)), [id]);

    /// <summary>Threads in a hub including its sub-hubs.</summary>
    public static int TotalThreads(this IReadOnlyList<HubNode> all, int id) => all.WithDescendants(id).Sum(x => all.First(h => h.Id == x).ThreadCount);
}

public enum HubTab { Latest, Unanswered, Solved }

public static class HubPage
{
    public const int PageSize = 20;

    public sealed record Query(string Slug, HubTab Tab, int Page) : IQuery<Model?>;

    public sealed record Model(
        HubNode Hub, IReadOnlyList<HubNode> Path, IReadOnlyList<HubNode> Children, HubTab Tab, int Page, int TotalPages,
        IReadOnlyList<ThreadRow> Threads, IReadOnlyList<HubNode> AllHubs);

    public sealed class Handler(CommunityDb db, IMediator mediator) : IQueryHandler<Query, Model?>
    {
        public async ValueTask<Model?> Handle(Query q, CancellationToken ct)
        {
            var all = await mediator.Send(new HubTree.Query(), ct);
            var hub = all.FirstOrDefault(h => h.Slug == q.Slug);
            if (hub is null) return null;
            var ids = all.WithDescendants(hub.Id);

            var threads = db.Threads.AsNoTracking().Where(t => ids.Contains(t.HubId));
            threads = q.Tab switch
            {
                HubTab.Unanswered => threads.Where(t => t.AnswerCount == 0),
                HubTab.Solved => threads.Where(t => t.Status == ThreadStatus.Solved),
                _ => threads,
            };
            var total = q.Tab == HubTab.Latest ? all.TotalThreads(hub.Id) : await threads.CountAsync(ct);
            var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
            var page = Math.Clamp(q.Page, 1, pages);
            var rows = await threads.Project(db)
                .OrderByDescending(r => r.LastActivityAt).ThenByDescending(r => r.Id)
                .Skip((page - 1) * PageSize).Take(PageSize)
                .ToListAsync(ct);

            var path = new List<HubNode>();
            for (var h = hub; h is not null; h = all.FirstOrDefault(x => x.Id == h.ParentId)) path.Insert(0, h);
            return new Model(hub, path, all.ChildrenOf(hub.Id).ToList(), q.Tab, page, pages, rows, all);
        }
    }
}
