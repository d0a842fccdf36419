using Community.Domain;
using Community.Domain.Moderation;
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

/// <summary>
/// A moderator removes the text of an earlier version (a phone number, an insult): it is gone from the history for
/// good; the audit log keeps that it happened and why, never the text.
/// </summary>
public static class RedactRevision
{
    public sealed record Command(Actor Actor, int RevisionId, string? Reason) : ICommand, IValidate
    {
        public IEnumerable<(string Field, UiMessage Message)> Validate()
        {
            if (string.IsNullOrWhiteSpace(Reason)) yield return (nameof(Reason), "Give a reason for removing the text; it is kept in the moderation log.");
            else if (Reason.Trim().Length > 500) yield return (nameof(Reason), "The reason must be at most 500 characters long.");
        }
    }

    public sealed class Handler(CommunityDb db, TimeProvider clock, Moderation.ModerationDesk desk) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command cmd, CancellationToken ct)
        {
            var revision = await db.PostRevisions.FirstOrDefaultAsync(r => r.Id == cmd.RevisionId, ct)
                ?? throw new NotFoundException("That version does not exist.");
            revision.Redact(cmd.Actor.UserId, cmd.Actor.IsModerator, clock.GetUtcNow());
            var post = await db.Posts.Where(p => p.Id == revision.PostId).Select(p => new { p.ThreadId, p.AuthorId }).FirstAsync(ct);
            desk.Audit(cmd.Actor, ModerationAction.RedactRevision, cmd.Reason, post.ThreadId, revision.PostId, post.AuthorId);
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }
    }
}
