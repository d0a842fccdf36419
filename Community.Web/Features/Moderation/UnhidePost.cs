using Community.Web.Infrastructure.Caching;
using Community.Domain;
using Community.Domain.Moderation;
using Community.Web.Data;
using Community.Web.Features.Hubs;
using Community.Web.Features.Reputation;
using Community.Web.Infrastructure;
using Mediator;

namespace Community.Web.Features.Moderation;

public static class UnhidePost
{
    public sealed record Command(Actor Actor, int PostId, string? Reason) : ICommand, IValidate
    {
        public IEnumerable<(string Field, UiMessage Message)> Validate()
        {
            if (ModerationRules.CheckReason(Reason, required: false) is { } e) yield return ("Reason", e);
        }
    }

    public sealed class Handler(CommunityDb db, PageCache pages, HubCounters counters, ModerationDesk desk, ReputationBook book) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command cmd, CancellationToken ct)
        {
            ModerationDesk.EnsureModerator(cmd.Actor);
            var (post, thread) = await desk.LoadPostAsync(cmd.PostId, ct);
            post.Unhide();
            var share = thread.Share;
            thread.OnPostUnhidden(post);
            await counters.MoveAsync(share, thread.Share, ct);
            pages.ThreadChanged(thread.Id);
            await db.SaveChangesAsync(ct);
            await desk.RecomputeFirstAnswerAsync(thread, ct);
            await book.OnPostRestoredAsync(post, thread.HubId, desk.Now, ct);
            desk.Audit(cmd.Actor, ModerationAction.UnhidePost, cmd.Reason, thread.Id, post.Id, post.AuthorId);
            await desk.NotifyAsync(post.AuthorId, ModerationDesk.Url(thread, post.Id), "A moderator restored your post in \"{0}\".", [thread.Title], ct);
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }
    }
}
