using Community.Web.Infrastructure.Caching;
using Community.Domain;
using Community.Domain.Escalation;
using Community.Domain.Notifications;
using Community.Domain.Threads;
using Community.Web.Data;
using Community.Web.Features.Notifications;
using Community.Web.Features.Reputation;
using Community.Web.Infrastructure;
using Community.Web.Infrastructure.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Threads;

public static class Answer
{
    public sealed record Command(Actor Actor, int ThreadId, string? Body) : ICommand<int>, IValidate, IRateLimited
    {
        string? IRateLimited.RateLimitPolicy => Actor.IsModerator || Actor.IsSupport ? null : RateLimitPolicies.Posting;
        string IRateLimited.RateLimitKey => Actor.UserId;

        public IEnumerable<(string Field, UiMessage Message)> Validate() => ThreadRules.CheckBody(Body);
    }

    public sealed class Handler(CommunityDb db, PageCache pages, Following.PostNotices notices, Drafts.DraftStore drafts, MarkdownRenderer markdown, TimeProvider clock, ReputationBook reputation) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command cmd, CancellationToken ct)
        {
            var thread = await db.Threads.FirstOrDefaultAsync(t => t.Id == cmd.ThreadId, ct)
                ?? throw new NotFoundException(UiMessage.Saying("Thread {0} does not exist.", cmd.ThreadId));
            var body = UnicodeText.WithoutNul(cmd.Body!).Trim();
            var mentioned = await notices.ResolveAsync(body, ct);
            var rendered = markdown.Render(body, mentioned.Links);
            await Uploads.UploadClaims.ClaimAsync(db, body, clock.GetUtcNow(), ct);
            var now = clock.GetUtcNow();
            var post = thread.Answer(cmd.Actor.UserId, body, rendered.Html, rendered.Text, now, bySupport: cmd.Actor.IsSupport);
            db.Posts.Add(post);
            pages.ThreadChanged(thread.Id);
            if (post.IsOfficial)
                foreach (var escalation in await db.Escalations.Where(e => e.ThreadId == thread.Id && e.Status != EscalationStatus.Resolved).ToListAsync(ct))
                    escalation.OnSupportAnswer(now);
            await db.SaveChangesAsync(ct);
            // Named as the support team when support answers officially.
            var answerer = post.IsOfficial ? null : await db.Users.Where(u => u.Id == cmd.Actor.UserId).Select(u => u.UserName).FirstAsync(ct);
            await notices.AfterAnswerAsync(thread, post, answerer, mentioned, ct);
            await drafts.DiscardAsync(cmd.Actor.UserId, Drafts.DraftKeys.Answer(thread.Id), ct);
            await db.SaveChangesAsync(ct);
            await reputation.OnAnswerPostedAsync(post, thread.HubId, now, ct);
            return post.Id;
        }
    }
}
