using Community.Web.Infrastructure.Caching;
using Community.Domain;
using Community.Domain.Notifications;
using Community.Domain.Threads;
using Community.Web.Data;
using Community.Web.Features.Hubs;
using Community.Web.Features.Notifications;
using Community.Web.Features.Reputation;
using Community.Web.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Threads;

public static class MarkSolution
{
    /// <summary>PostId null removes the mark.</summary>
    public sealed record Command(Actor Actor, int ThreadId, int? PostId) : ICommand<Ask.Result>;

    public sealed class Handler(CommunityDb db, PageCache pages, HubCounters counters, Notifier notifier, TimeProvider clock, ReputationBook reputation) : ICommandHandler<Command, Ask.Result>
    {
        public async ValueTask<Ask.Result> Handle(Command cmd, CancellationToken ct)
        {
            var thread = await db.Threads.FirstOrDefaultAsync(t => t.Id == cmd.ThreadId, ct)
                ?? throw new NotFoundException(UiMessage.Saying("Thread {0} does not exist.", cmd.ThreadId));
            var now = clock.GetUtcNow();
            var previous = thread.AcceptedPostId;
            var share = thread.Share;
            Post? post = null;
            if (cmd.PostId is null)
            {
                thread.UnmarkSolution(cmd.Actor.UserId, cmd.Actor.IsModerator);
            }
            else
            {
                post = await db.Posts.FirstOrDefaultAsync(p => p.Id == cmd.PostId, ct)
                    ?? throw ValidationFailedException.For("PostId", UiMessage.Saying("Post {0} does not exist.", cmd.PostId));
                thread.MarkSolution(post, cmd.Actor.UserId, cmd.Actor.IsModerator, now);
            }
            await db.SaveChangesAsync(ct);
            await counters.MoveAsync(share, thread.Share, ct);
            pages.ThreadChanged(thread.Id);
            if (previous != thread.AcceptedPostId)
            {
                if (previous is { } old) await reputation.OnSolutionUnmarkedAsync(thread, old, now, ct);
                if (post is not null) await reputation.OnSolutionMarkedAsync(thread, post, now, ct);
                if (post is not null && post.AuthorId != cmd.Actor.UserId)
                {
                    await notifier.NotifyAsync(new Notification
                    {
                        UserId = post.AuthorId, Kind = NotificationKind.Solution, CreatedAt = now,
                        Url = Urls.Post(thread.Id, thread.Slug, post.Id),
                    }.Saying("Your answer to \"{0}\" was marked as the solution.", thread.Title), ct);
                    await db.SaveChangesAsync(ct);
                }
            }
            return new Ask.Result(thread.Id, thread.Slug);
        }
    }
}
