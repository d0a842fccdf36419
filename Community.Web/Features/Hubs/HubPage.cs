using Community.Domain.Threads;
using Community.Web.Data;
using Community.Web.Features.Threads;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Hubs;

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
            var all = await mediator.Send(new HubDirectory.Query(), ct);
            var hub = all.FirstOrDefault(h => h.Slug == q.Slug);
            if (hub is null) return null;
            var ids = all.WithDescendants(hub.Id);

            var threads = Threads(db, ids, q.Tab);
            // The counters give the latest and solved totals; only the unanswered tab counts its rows.
            var total = q.Tab switch
            {
                HubTab.Latest => all.TotalThreads(hub.Id),
                HubTab.Solved => all.TotalSolved(hub.Id),
                _ => await threads.CountAsync(ct),
            };
            var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
            var page = Math.Clamp(q.Page, 1, pages);
            var rows = await Rows(db, threads, page).ToListAsync(ct);

            var path = new List<HubNode>();
            for (var h = hub; h is not null; h = all.FirstOrDefault(x => x.Id == h.ParentId)) path.Insert(0, h);
            return new Model(hub, path, all.ChildrenOf(hub.Id).ToList(), q.Tab, page, pages, rows, all);
        }
    }

    /// <summary>The threads of these hubs on a tab.</summary>
    public static IQueryable<ForumThread> Threads(CommunityDb db, IReadOnlyCollection<int> hubIds, HubTab tab)
    {
        // One hub (a device, no sub-hubs) reads its index in order; a list of hubs is merged and sorted (see README, Benchmarks).
        var only = hubIds.Count == 1 ? hubIds.First() : (int?)null;
        var threads = only is { } id
            ? db.Threads.AsNoTracking().Where(t => t.HubId == id)
            : db.Threads.AsNoTracking().Where(t => hubIds.Contains(t.HubId));
        return tab switch
        {
            HubTab.Unanswered => threads.Where(t => t.AnswerCount == 0),
            HubTab.Solved => threads.Where(t => t.Status == ThreadStatus.Solved),
            _ => threads,
        };
    }

    /// <summary>One page of them, latest activity first.</summary>
    public static IQueryable<ThreadRow> Rows(CommunityDb db, IQueryable<ForumThread> threads, int page) =>
        threads.Project(db).OrderByDescending(r => r.LastActivityAt).ThenByDescending(r => r.Id).Skip((page - 1) * PageSize).Take(PageSize);
}
