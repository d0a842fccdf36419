using Community.Web.Data;
using Community.Web.Features.Hubs;
using Community.Web.Features.Threads;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Home;

public static class HomePage
{
    public sealed record Query : IQuery<Model>;

    public sealed record Model(IReadOnlyList<HubNode> Hubs, IReadOnlyList<ThreadRow> Latest, IReadOnlyList<ThreadRow> Unanswered);

    public sealed class Handler(CommunityDb db, IMediator mediator) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query q, CancellationToken ct)
        {
            var hubs = await mediator.Send(new HubDirectory.Query(), ct);
            return new Model(hubs, await Latest(db).ToListAsync(ct), await Unanswered(db).ToListAsync(ct));
        }
    }

    /// <summary>The ten threads with the latest activity; served by the index on LastActivityAt (see QueryPlanTests).</summary>
    public static IQueryable<ThreadRow> Latest(CommunityDb db) =>
        db.Threads.AsNoTracking().Project(db).OrderByDescending(r => r.LastActivityAt).ThenByDescending(r => r.Id).Take(10);

    public static IQueryable<ThreadRow> Unanswered(CommunityDb db) =>
        db.Threads.AsNoTracking().Where(t => t.AnswerCount == 0).Project(db).OrderByDescending(r => r.LastActivityAt).ThenByDescending(r => r.Id).Take(10);
}
