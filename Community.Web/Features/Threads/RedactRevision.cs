using Community.Domain;
using Community.Domain.Moderation;
using Community.Web.Data;
using Community.Web.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Threads;

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
