using Community.Web.Infrastructure.Caching;
using Community.Domain;
using Community.Domain.Moderation;
using Community.Web.Data;
using Community.Web.Features.Hubs;
using Community.Web.Features.Reputation;
using Community.Web.Infrastructure;
using Mediator;

namespace Community.Web.Features.Moderation;

/// <summary>
/// Hides a post (as spam, too): gone for the public and the search index, kept for moderators. What it earned is
/// reversed; spam also costs its author the spam penalty. Hiding the question hides the thread.
/// </summary>
public static class HidePost
{
    public sealed record Command(Actor Actor, int PostId, string? Reason, bool AsSpam) : ICommand, IValidate
    {
        public IEnumerable<(string Field, UiMessage Message)> Validate()
        {
            if (ModerationRules.CheckReason(Reason, required: !AsSpam) is { } e) yield return ("Reason", e);
        }
    }

    public sealed class Handler(CommunityDb db, PageCache pages, HubCounters counters, ModerationDesk desk, ReputationBook book) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command cmd, CancellationToken ct)
        {
            ModerationDesk.EnsureModerator(cmd.Actor);
            var (post, thread) = await desk.LoadPostAsync(cmd.PostId, ct);
            var share = thread.Share;
            post.Hide();
            var solutionLost = thread.OnPostHidden(post);
            await db.SaveChangesAsync(ct);
            await counters.MoveAsync(share, thread.Share, ct);
            pages.ThreadChanged(thread.Id);
            await desk.RecomputeFirstAnswerAsync(thread, ct);
            if (cmd.AsSpam) await book.OnSpamAsync(post, thread.HubId, desk.Now, ct);
            else await book.ReverseAllForPostAsync(post, thread.HubId, desk.Now, ct);
            var reason = string.IsNullOrWhiteSpace(cmd.Reason) ? "Spam" : cmd.Reason.Trim();
            desk.Audit(cmd.Actor, cmd.AsSpam ? ModerationAction.MarkSpam : ModerationAction.HidePost, reason, thread.Id, post.Id, post.AuthorId,
                (post.IsQuestion ? "question; thread hidden" : "answer") + (solutionLost ? "; it was the accepted solution" : ""));
            await desk.ResolveFlagsAsync(post.Id, cmd.Actor, cmd.AsSpam ? "spam" : "hidden", ct);
            await desk.NotifyAsync(post.AuthorId, ModerationDesk.Url(thread), cmd.AsSpam ? "A moderator removed your post as spam in \"{0}\". Reason: {1}" : "A moderator hid your post in \"{0}\". Reason: {1}", [thread.Title, reason], ct);
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }
    }
}
