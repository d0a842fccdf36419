using Community.Web.Data;
using Community.Web.Features.Threads;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Following;

/// <summary>A person's bookmarks, the newest first, 30 a page.</summary>
public static class BookmarkList
{
    public const int PageSize = 30;
    /// <summary>Beyond this a page number is not a page (and its offset would overflow).</summary>
    public const int MaxPage = 10_000;

    public sealed record Query(string UserId, int Page) : IQuery<Model>;

    public sealed record Row(int ThreadId, string Title, string Url, DateTimeOffset At, ThreadRow Thread);

    public sealed record Model(IReadOnlyList<Row> Rows, int Page, bool HasMore);

    public sealed class Handler(CommunityDb db) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query q, CancellationToken ct)
        {
            var page = Math.Clamp(q.Page, 1, MaxPage);
            var marks = await db.Bookmarks.AsNoTracking().Where(b => b.UserId == q.UserId)
                .OrderByDescending(b => b.At).ThenByDescending(b => b.ThreadId)
                .Skip((page - 1) * PageSize).Take(PageSize + 1).Select(b => new { b.ThreadId, b.At }).ToListAsync(ct);
            var rows = (await ThreadRows.InOrderAsync(db, marks.Take(PageSize).Select(m => m.ThreadId).ToList(), ct)).ToDictionary(r => r.Id);
            return new Model(
                marks.Take(PageSize).Where(m => rows.ContainsKey(m.ThreadId))
                    .Select(m => new Row(m.ThreadId, rows[m.ThreadId].Title, rows[m.ThreadId].Url, m.At, rows[m.ThreadId])).ToList(),
                page, marks.Count > PageSize);
        }
    }
}
