using Community.Domain.Moderation;
using Community.Web.Data;
using Community.Web.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Moderation;

/// <summary>Open flags, one row per post, most-flagged and oldest first.</summary>
public static class FlagQueue
{
    public sealed record FlagLine(string FlaggedBy, FlagReason Reason, string Note, DateTimeOffset At);

    public sealed record Row(int PostId, int ThreadId, string ThreadTitle, string ThreadSlug, bool IsQuestion, string AuthorName, string Excerpt, IReadOnlyList<FlagLine> Flags)
    {
        public string Url => Urls.Post(ThreadId, ThreadSlug, PostId);
    }

    public sealed record Query : IQuery<IReadOnlyList<Row>>;

    public sealed class Handler(CommunityDb db) : IQueryHandler<Query, IReadOnlyList<Row>>
    {
        public async ValueTask<IReadOnlyList<Row>> Handle(Query q, CancellationToken ct)
        {
            var flags = await (
                from f in db.Flags.AsNoTracking()
                where f.ResolvedAt == null
                join u in db.Users on f.UserId equals u.Id
                select new { f.PostId, Line = new FlagLine(u.UserName!, f.Reason, f.Note, f.CreatedAt) })
                .Take(2000).ToListAsync(ct);
            var postIds = flags.Select(f => f.PostId).Distinct().ToList();
            var posts = await (
                from p in db.Posts.AsNoTracking()
                where postIds.Contains(p.Id)
                join t in db.Threads.IgnoreQueryFilters() on p.ThreadId equals t.Id
                join a in db.Users on p.AuthorId equals a.Id
                select new { p.Id, p.ThreadId, t.Title, t.Slug, p.IsQuestion, Author = a.UserName!, p.BodyText })
                .ToListAsync(ct);
            return posts
                .Select(p => new Row(p.Id, p.ThreadId, p.Title, p.Slug, p.IsQuestion, p.Author,
                    p.BodyText.Length > 240 ? p.BodyText[..237] + "…" : p.BodyText,
                    flags.Where(f => f.PostId == p.Id).Select(f => f.Line).OrderBy(l => l.At).ToList()))
                .OrderByDescending(r => r.Flags.Count).ThenBy(r => r.Flags[0].At)
                .ToList();
        }
    }
}
