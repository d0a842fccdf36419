using Community.Domain;
using Community.Domain.Threads;
using Community.Web.Data;
using Community.Web.Features.Hubs;
using Community.Web.Infrastructure;
using Community.Web.Infrastructure.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Threads;

public static class Ask
{
    public sealed record Command(Actor Actor, string? Hub, string? Title, string? Body, string? Tags) : ICommand<Result>, IValidate, IRateLimited
    {
        string? IRateLimited.RateLimitPolicy => Actor.IsModerator || Actor.IsSupport ? null : RateLimitPolicies.Posting;
        string IRateLimited.RateLimitKey => Actor.UserId;

        public IEnumerable<(string Field, UiMessage Message)> Validate()
        {
            if (string.IsNullOrWhiteSpace(Hub)) yield return (nameof(Hub), "Choose the hub your question belongs to.");
            foreach (var e in ThreadRules.CheckTitle(Title)) yield return e;
            foreach (var e in ThreadRules.CheckBody(Body)) yield return e;
            foreach (var e in ThreadRules.ParseTags(Tags).Errors) yield return e;
        }
    }

    public sealed record Result(int Id, string Slug)
    {
        public string Url => Urls.Thread(Id, Slug);
    }

    public sealed class Handler(CommunityDb db, HubCounters counters, Following.PostNotices notices, Drafts.DraftStore drafts, MarkdownRenderer markdown, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command cmd, CancellationToken ct)
        {
            var hub = await db.Hubs.FirstOrDefaultAsync(h => h.Slug == cmd.Hub, ct)
                ?? throw ValidationFailedException.For(nameof(cmd.Hub), UiMessage.Saying("There is no hub \"{0}\".", cmd.Hub ?? ""));
            var now = clock.GetUtcNow();
            var thread = ForumThread.Start(hub.Id, UnicodeText.WithoutNul(cmd.Title!), ThreadRules.ParseTags(UnicodeText.WithoutNul(cmd.Tags ?? "")).Tags, cmd.Actor.UserId, now);
            db.Threads.Add(thread);
            await db.SaveChangesAsync(ct);
            Tags.ThreadTag.AddFor(db, thread);
            await counters.MoveAsync(HubShare.None, thread.Share, ct);

            var body = UnicodeText.WithoutNul(cmd.Body!).Trim();
            var mentioned = await notices.ResolveAsync(body, ct);
            var rendered = markdown.Render(body, mentioned.Links);
            await Uploads.UploadClaims.ClaimAsync(db, body, clock.GetUtcNow(), ct);
            var question = Post.Write(thread.Id, cmd.Actor.UserId, isQuestion: true, body, rendered.Html, rendered.Text, now);
            db.Posts.Add(question);
            await db.SaveChangesAsync(ct);
            var asker = await db.Users.Where(u => u.Id == cmd.Actor.UserId).Select(u => u.UserName!).FirstAsync(ct);
            await notices.AfterQuestionAsync(thread, question, asker, mentioned, ct);
            await drafts.DiscardAsync(cmd.Actor.UserId, Drafts.DraftKeys.Ask, ct);
            await db.SaveChangesAsync(ct);
            return new Result(thread.Id, thread.Slug);
        }
    }
}
