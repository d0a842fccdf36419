using Community.Domain;
using Community.Domain.Moderation;
using Community.Domain.Ranks;
using Community.Web.Data;
using Community.Web.Features.Reputation;
using Community.Web.Infrastructure;
using Community.Web.Infrastructure.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Moderation;

/// <summary>A member with the flag privilege asks moderators to look at a post.</summary>
public static class FlagPost
{
    public sealed record Command(Actor Actor, int PostId, FlagReason? Reason, string? Note) : ICommand, IValidate, IRateLimited
    {
        string? IRateLimited.RateLimitPolicy => RateLimitPolicies.Flags;
        string IRateLimited.RateLimitKey => Actor.UserId;

        public IEnumerable<(string Field, UiMessage Message)> Validate()
        {
            if (Reason is null || !Enum.IsDefined(Reason.Value)) yield return ("Reason", "Choose why the post needs a moderator's look.");
            if ((Note?.Trim().Length ?? 0) > Flag.MaxNoteLength) yield return ("Note", UiMessage.Saying("The note must be at most {0} characters long.", Flag.MaxNoteLength));
        }
    }

    public sealed class Handler(CommunityDb db, RankLadder ranks, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command cmd, CancellationToken ct)
        {
            var post = await db.Posts.AsNoTracking().FirstOrDefaultAsync(p => p.Id == cmd.PostId && !p.IsHidden && db.Threads.Any(t => t.Id == p.ThreadId), ct)
                ?? throw new NotFoundException(UiMessage.Saying("Post {0} does not exist.", cmd.PostId));
            var reputation = await db.Users.Where(u => u.Id == cmd.Actor.UserId).Select(u => u.Reputation).FirstAsync(ct);
            ranks.Ensure(reputation, cmd.Actor.IsModerator, Privilege.FlagPosts);
            var flag = Flag.Raise(post.Id, post.AuthorId, cmd.Actor.UserId, cmd.Reason!.Value, cmd.Note, clock.GetUtcNow());
            var inserted = await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO "Flags" ("PostId", "UserId", "Reason", "Note", "CreatedAt") VALUES ({flag.PostId}, {flag.UserId}, {(int)flag.Reason}, {flag.Note}, {db.StoredTime(flag.CreatedAt)})
                ON CONFLICT ("PostId", "UserId") DO NOTHING
                """, ct);
            if (inserted == 0) throw new DomainException("You have already flagged this post.");
            return Unit.Value;
        }
    }
}
