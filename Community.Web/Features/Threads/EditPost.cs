using Community.Web.Infrastructure.Caching;
using Community.Domain;
using Community.Domain.Moderation;
using Community.Domain.Ranks;
using Community.Domain.Threads;
using Community.Web.Data;
using Community.Web.Infrastructure;
using Community.Web.Infrastructure.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Threads;

public static class EditPost
{
    /// <summary>Title is only used (and required) when the post is the question.</summary>
    /// <param name="Tags">The question's tags, comma-separated; null leaves them as they are.</param>
    public sealed record Command(Actor Actor, int PostId, string? Body, string? Title = null, string? Reason = null, string? Tags = null) : ICommand<Ask.Result>, IValidate, IRateLimited
    {
        string? IRateLimited.RateLimitPolicy => Actor.IsModerator || Actor.IsSupport ? null : RateLimitPolicies.Posting;
        string IRateLimited.RateLimitKey => Actor.UserId;

        public IEnumerable<(string Field, UiMessage Message)> Validate()
        {
            if (ModerationRules.CheckReason(Reason, required: false) is { } reasonError) yield return ("Reason", reasonError);
            foreach (var e in ThreadRules.CheckBody(Body)) yield return e;
            if (Title is not null)
                foreach (var e in ThreadRules.CheckTitle(Title)) yield return e;
            if (Tags is not null)
                foreach (var e in ThreadRules.ParseTags(Tags).Errors) yield return e;
        }
    }

    public sealed class Handler(CommunityDb db, PageCache pages, Following.PostNotices notices, Drafts.DraftStore drafts, MarkdownRenderer markdown, TimeProvider clock, RankLadder ranks, Moderation.ModerationDesk desk) : ICommandHandler<Command, Ask.Result>
    {
        public async ValueTask<Ask.Result> Handle(Command cmd, CancellationToken ct)
        {
            var post = await db.Posts.FirstOrDefaultAsync(p => p.Id == cmd.PostId && db.Threads.Any(t => t.Id == p.ThreadId), ct)
                ?? throw new NotFoundException(UiMessage.Saying("Post {0} does not exist.", cmd.PostId));
            // Nobody but a moderator learns that a hidden post exists.
            if (!Post.IsVisibleTo(post.IsHidden, cmd.Actor.IsModerator)) throw new NotFoundException(UiMessage.Saying("Post {0} does not exist.", cmd.PostId));
            var thread = await db.Threads.FirstAsync(t => t.Id == post.ThreadId, ct);
            var body = UnicodeText.WithoutNul(cmd.Body!).Trim();
            var mentioned = await notices.ResolveAsync(body, ct);
            var rendered = markdown.Render(body, mentioned.Links);
            await Uploads.UploadClaims.ClaimAsync(db, body, clock.GetUtcNow(), ct);
            var now = clock.GetUtcNow();
            // Editing others' posts is a privilege of high ranks (as on Stack Overflow), and always of moderators.
            var reputation = await db.Users.Where(u => u.Id == cmd.Actor.UserId).Select(u => u.Reputation).FirstAsync(ct);
            var mayEditOthers = ranks.Has(reputation, cmd.Actor.IsModerator, Privilege.EditOthersPosts);
            if (post.AuthorId != cmd.Actor.UserId && !mayEditOthers) ranks.Ensure(reputation, cmd.Actor.IsModerator, Privilege.EditOthersPosts);
            if (post.EditNeedsReason(cmd.Actor.UserId, cmd.Actor.IsModerator) && string.IsNullOrWhiteSpace(cmd.Reason))
                throw ValidationFailedException.For("Reason", Post.EditReasonMissing);
            var oldTitle = thread.Title;
            var revision = post.EditBy(cmd.Actor.UserId, new PostEdit(body, rendered.Html, rendered.Text, cmd.Title is null ? null : UnicodeText.WithoutNul(cmd.Title), cmd.Reason is null ? null : UnicodeText.WithoutNul(cmd.Reason)),
                new EditPrivileges(mayEditOthers, cmd.Actor.IsModerator), oldTitle, now);
            // The question's tags change with its edit: the tag pages and the search document follow.
            var retagged = post.IsQuestion && cmd.Tags is not null && thread.Retag(ThreadRules.ParseTags(UnicodeText.WithoutNul(cmd.Tags)).Tags);
            if (retagged) await Tags.ThreadTag.ReplaceFor(db, thread, ct);
            if (revision is null && !retagged) return new Ask.Result(thread.Id, thread.Slug);
            if (revision is not null) db.PostRevisions.Add(revision);
            pages.ThreadChanged(thread.Id);
            if (revision?.Title is not null) thread.Rename(UnicodeText.WithoutNul(cmd.Title!));
            if (post.EditNeedsReason(cmd.Actor.UserId, cmd.Actor.IsModerator))
            {
                desk.Audit(cmd.Actor, ModerationAction.EditPost, cmd.Reason, thread.Id, post.Id, post.AuthorId);
                await desk.NotifyAsync(post.AuthorId, Urls.PostHistory(post.Id), "A moderator edited your post in \"{0}\". Reason: {1}", [oldTitle, cmd.Reason!.Trim()], ct);
            }
            var editor = await db.Users.Where(u => u.Id == cmd.Actor.UserId).Select(u => u.UserName!).FirstAsync(ct);
            await notices.AfterEditAsync(thread, post, editor, mentioned, ct);
            await drafts.DiscardAsync(cmd.Actor.UserId, Drafts.DraftKeys.Edit(post.Id), ct);
            await db.SaveChangesAsync(ct);
            return new Ask.Result(thread.Id, thread.Slug);
        }
    }
}
