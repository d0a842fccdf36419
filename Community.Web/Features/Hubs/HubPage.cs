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
