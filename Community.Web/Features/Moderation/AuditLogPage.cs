using Community.Domain.Moderation;
using Community.Web.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Moderation;

public static class AuditLogPage
{
    public sealed record Row(DateTimeOffset At, string Moderator, ModerationAction Action, string? TargetName, int? ThreadId, int? PostId, string? ThreadTitle, string Reason, string Detail);

    public sealed record Query(int Page, string? UserName) : IQuery<(IReadOnlyList<Row> Rows, bool HasMore)>;

    public const int PageSize = 100;

    public sealed class Handler(CommunityDb db) : IQueryHandler<Query, (IReadOnlyList<Row> Rows, bool HasMore)>
    {
        public async ValueTask<(IReadOnlyList<Row> Rows, bool HasMore)> Handle(Query q, CancellationToken ct)
        {
            var entries = db.AuditLog.AsNoTracking();
            if (!string.IsNullOrWhiteSpace(q.UserName))
            {
                var id = await db.Users.Where(u => u.UserName == q.UserName).Select(u => u.Id).FirstOrDefaultAsync(ct) ?? "";
                entries = entries.Where(a => a.TargetUserId == id || a.ActorId == id);
            }
            var page = Math.Clamp(q.Page, 1, 100_000);
            var rows = await (
                from a in entries
                join m in db.Users on a.ActorId equals m.Id into actors
                from m in actors.DefaultIfEmpty()
                join u in db.Users on a.TargetUserId equals u.Id into targets
                from u in targets.DefaultIfEmpty()
                join t in db.Threads.IgnoreQueryFilters() on a.ThreadId equals t.Id into threads
                from t in threads.DefaultIfEmpty()
                orderby a.At descending, a.Id descending
                select new Row(a.At, m == null ? a.ActorLabel : m.UserName!, a.Action, u == null ? null : u.UserName, a.ThreadId, a.PostId, t == null ? null : t.Title, a.Reason, a.Detail))
                .Skip((page - 1) * PageSize).Take(PageSize + 1).ToListAsync(ct);
            return (rows.Take(PageSize).ToList(), rows.Count > PageSize);
        }
    }
}
