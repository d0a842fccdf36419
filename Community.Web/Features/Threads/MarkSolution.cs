using Community.Web.Data;
using Community.Web.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Threads;

public static class MarkSolution
{
    /// <summary>PostId null removes the mark.</summary>
    public sealed record Command(Actor Actor, int ThreadId, int? PostId) : ICommand<Ask.Result>;

    public sealed class Handler(CommunityDb db, TimeProvider clock) : ICommandHandler<Command, Ask.Result>
    {
        public async ValueTask<Ask.Result> Handle(Command cmd, CancellationToken ct)
        {
            var thread = await db.Threads.FirstOrDefaultAsync(t => t.Id == cmd.ThreadId, ct)
                ?? throw new NotFoundException($"Thread {cmd.ThreadId} does not exist.");
            if (cmd.PostId is null)
            {
                thread.UnmarkSolution(cmd.Actor.UserId, cmd.Actor.IsModerator);
            }
            else
            {
                var post = await db.Posts.FirstOrDefaultAsync(p => p.Id == cmd.PostId, ct)
                    ?? throw ValidationFailedException.For("PostId", $"Post {cmd.PostId} does not exist.");
                thread.MarkSolution(post, cmd.Actor.UserId, cmd.Actor.IsModerator, clock.GetUtcNow());
            }
            await db.SaveChangesAsync(ct);
            return new Ask.Result(thread.Id, thread.Slug);
        }
    }
}
