using Community.Web.Data;
using Community.Web.Features.Hubs;
using Community.Web.Features.Threads;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Home;

/// <summary>"More threads" from home: every hub's threads by latest activity (or only those waiting for an answer), 30 a page by keyset.</summary>
public static class Latest
{
    public const int PageSize = 30;

    public sealed record Query(bool Unanswered, ListCursor? Before) : IQuery<Model>;

    public sealed record Model(IReadOnlyList<ThreadRow> Rows, ListCursor? Older);

    public sealed class Handler(CommunityDb db) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query q, CancellationToken ct)
        {
            var threads = db.Threads.AsNoTracking();
            if (q.Unanswered) threads = threads.Where(t => t.AnswerCount == 0);
            var ids = await threads.Page(t => t.LastActivityAt, t => t.Id, q.Before).Take(PageSize + 1)
                .Select(t => new { t.Id, t.LastActivityAt }).ToListAsync(ct);
            var rows = await ThreadRows.InOrderAsync(db, ids.Take(PageSize).Select(t => t.Id).ToList(), ct);
            var last = ids.Count > PageSize ? ids[PageSize - 1] : null;
            return new Model(rows, last is null ? null : new ListCursor(last.LastActivityAt, last.Id));
        }
    }
}
