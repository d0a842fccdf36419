using Community.Domain.Ranks;
using Community.Domain.Threads;
using Community.Web.Data;
using Community.Web.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Threads;

public static class EditPost
{
    /// <summary>Title is only used (and required) when the post is the question.</summary>
    public sealed record Command(Actor Actor, int PostId, string? Body, string? Title = null) : ICommand<Ask.Result>, IValidate
    {
        public IEnumerable<(string Field, string Message)> Validate()
        {
            foreach (var e in ThreadRules.CheckBody(Body)) yield return e;
            if (Title is not null)
                foreach (var e in ThreadRules.CheckTitle(Title)) yield return e;
        }
    }

    public sealed class Handler(CommunityDb db, MarkdownRenderer markdown, TimeProvider clock, RankLadder ranks) : ICommandHandler<Command, Ask.Result>
    {
        public async ValueTask<Ask.Result> Handle(Command cmd, CancellationToken ct)
        {
            var post = await db.Posts.FirstOrDefaultAsync(p => p.Id == cmd.PostId, ct)
                ?? throw new NotFoundException($"Post {cmd.PostId} does not exist.");
            var thread = await db.Threads.FirstAsync(t => t.Id == post.ThreadId, ct);
            var body = cmd.Body!.Trim();
            var rendered = markdown.Render(body);
            var now = clock.GetUtcNow();
            // Editing others' posts is a privilege of high ranks (as on Stack Overflow), and always of moderators.
            var reputation = await db.Users.Where(u => u.Id == cmd.Actor.UserId).Select(u => u.Reputation).FirstAsync(ct);
            var mayEditOthers = ranks.Has(reputation, cmd.Actor.IsModerator, Privilege.EditOthersPosts);
            if (post.AuthorId != cmd.Actor.UserId && !mayEditOthers) ranks.Ensure(reputation, cmd.Actor.IsModerator, Privilege.EditOthersPosts);
            var renamed = post.IsQuestion && cmd.Title is not null && cmd.Title.Trim() != thread.Title;
            if (body != post.BodyMarkdown || renamed)
            {
                // One revision per edit keeps the text and, for a renamed question, the title it had before.
                var revision = post.Edit(body, rendered.Html, rendered.Text, cmd.Actor.UserId, mayEditOthers, now);
                if (renamed) revision.Title = thread.Title;
                db.PostRevisions.Add(revision);
            }
            if (renamed) thread.Rename(cmd.Title!);
            await db.SaveChangesAsync(ct);
            return new Ask.Result(thread.Id, thread.Slug);
        }
    }
}
