using Community.Web.Data;
using Community.Web.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Threads;

/// <summary>A post's earlier versions; a hidden post's history is for moderators only, like the post.</summary>
public static class RevisionHistory
{
    public sealed record Query(int PostId, bool ViewerIsModerator) : IQuery<Model?>;

    public sealed record Revision(int Id, string Editor, DateTimeOffset EditedAt, string BodyMarkdown, string? Title, string Reason, DateTimeOffset? RedactedAt);

    public sealed record Model(int PostId, string ThreadUrl, string Current, IReadOnlyList<Revision> Revisions);

    public sealed class Handler(CommunityDb db) : IQueryHandler<Query, Model?>
    {
        public async ValueTask<Model?> Handle(Query q, CancellationToken ct)
        {
            var post = await db.Posts.AsNoTracking().Where(p => p.Id == q.PostId && (!p.IsHidden || q.ViewerIsModerator))
                .Join(db.Threads, p => p.ThreadId, t => t.Id, (p, t) => new { p.BodyMarkdown, t.Id, t.Slug })
                .FirstOrDefaultAsync(ct);
            if (post is null) return null;
            var revisions = await db.PostRevisions.AsNoTracking().Where(r => r.PostId == q.PostId)
                .Join(db.Users, r => r.EditorId, u => u.Id, (r, u) => new { r.Id, r.EditedAt, r.BodyMarkdown, r.Title, r.Reason, r.RedactedAt, u.UserName })
                .OrderByDescending(r => r.EditedAt)
                .Select(r => new Revision(r.Id, r.UserName!, r.EditedAt, r.BodyMarkdown, r.Title, r.Reason, r.RedactedAt))
                .ToListAsync(ct);
            return new Model(q.PostId, Urls.Thread(post.Id, post.Slug), post.BodyMarkdown, revisions);
        }
    }
}
