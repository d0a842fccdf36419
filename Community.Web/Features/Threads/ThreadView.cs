using Community.Domain.Escalation;
using Community.Domain.Ranks;
using Community.Domain.Threads;
using Community.Web.Data;
using Community.Web.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Threads;

public static class ThreadView
{
    public sealed record Query(int Id, string? ViewerId, bool ViewerIsModerator = false) : IQuery<Model?>;

    public sealed record PostView(
        int Id, bool IsQuestion, string AuthorId, string AuthorName, int AuthorReputation, string? AuthorTitle, string BodyMarkdown, string BodyHtml,
        DateTimeOffset CreatedAt, DateTimeOffset? EditedAt, int KudosCount, bool IsHidden, bool KudosGivenByMe)
    {
        public bool IsOfficial { get; init; }
    }

    public sealed record EscalationView(
        int Id, EscalationStatus Status, EscalationPriority Priority, string? TicketRef,
        DateTimeOffset EscalatedAt, DateTimeOffset? AcknowledgedAt, DateTimeOffset? ResolvedAt);

    public sealed record Model(
        int Id, string Title, string Slug, string HubSlug, string HubName, string AuthorId, string[] Tags,
        ThreadStatus Status, int? AcceptedPostId, bool IsLocked, DateTimeOffset CreatedAt, DateTimeOffset LastActivityAt,
        PostView Question, PostView? Solution, IReadOnlyList<PostView> Answers, bool ViewerMayEditOthers)
    {
        public bool ViewerMayFlag { get; init; }
        public int HubId { get; init; }
        /// <summary>Answers by the support team, shown right under the question.</summary>
        public IReadOnlyList<PostView> Official { get; init; } = [];
        /// <summary>The thread's latest escalation to support, if any.</summary>
        public EscalationView? Escalation { get; init; }
        public bool ViewerIsModerator { get; init; }
        /// <summary>Moderators only: hubs to move the thread to.</summary>
        public IReadOnlyList<(string Slug, string Name)> MoveTargets { get; init; } = [];

        public string Url => Urls.Thread(Id, Slug);
    }

    /// <summary>A constant number of queries whatever the number of answers: thread with hub, posts with authors, and for a signed-in viewer their kudos and reputation.</summary>
    public sealed class Handler(CommunityDb db, RankLadder ranks) : IQueryHandler<Query, Model?>
    {
        public async ValueTask<Model?> Handle(Query q, CancellationToken ct)
        {
            // Moderators still see a hidden thread (marked as hidden), to review or restore it.
            var threads = q.ViewerIsModerator ? db.Threads.IgnoreQueryFilters() : db.Threads;
            var head = await threads.AsNoTracking()
                .Where(t => t.Id == q.Id)
                .Join(db.Hubs, t => t.HubId, h => h.Id, (t, h) => new { t, HubSlug = h.Slug, HubName = h.Name })
                .FirstOrDefaultAsync(ct);
            if (head is null) return null;

            var posts = await db.Posts.AsNoTracking()
                .Where(p => p.ThreadId == q.Id)
                .Join(db.Users, p => p.AuthorId, u => u.Id, (p, u) => new { p, AuthorName = u.UserName!, u.Reputation, u.Title })
                .OrderByDescending(x => x.p.IsQuestion).ThenByDescending(x => x.p.KudosCount).ThenBy(x => x.p.CreatedAt)
                .ToListAsync(ct);

            var mine = q.ViewerId is null
                ? new HashSet<int>()
                : (await db.Kudos.Where(k => k.UserId == q.ViewerId && db.Posts.Any(p => p.Id == k.PostId && p.ThreadId == q.Id))
                    .Select(k => k.PostId).ToListAsync(ct)).ToHashSet();

            var viewerReputation = q.ViewerId is null ? 0 : await db.Users.Where(u => u.Id == q.ViewerId).Select(u => u.Reputation).FirstOrDefaultAsync(ct);
            var mayEditOthers = q.ViewerId is not null && ranks.Has(viewerReputation, q.ViewerIsModerator, Privilege.EditOthersPosts);
            var mayFlag = q.ViewerId is not null && ranks.Has(viewerReputation, q.ViewerIsModerator, Privilege.FlagPosts);
            var moveTargets = q.ViewerIsModerator
                ? (await db.Hubs.AsNoTracking().OrderBy(h => h.Name).Select(h => new { h.Slug, h.Name }).ToListAsync(ct)).Select(h => (h.Slug, h.Name)).ToList()
                : [];

            var views = posts.Select(x => new PostView(
                x.p.Id, x.p.IsQuestion, x.p.AuthorId, x.AuthorName, x.Reputation, x.Title, x.p.BodyMarkdown, x.p.BodyHtml,
                x.p.CreatedAt, x.p.EditedAt, x.p.KudosCount, x.p.IsHidden, mine.Contains(x.p.Id)) { IsOfficial = x.p.IsOfficial }).ToList();
            var question = views.First(v => v.IsQuestion);
            // Hidden posts are gone for the public and stay visible to moderators; a hidden question hides the thread.
            if (question.IsHidden && !q.ViewerIsModerator) return null;
            var t = head.t;
            var solution = views.FirstOrDefault(v => v.Id == t.AcceptedPostId && (!v.IsHidden || q.ViewerIsModerator));
            var answers = views.Where(v => !v.IsQuestion && v.Id != t.AcceptedPostId && (!v.IsHidden || q.ViewerIsModerator)).ToList();
            var official = answers.Where(a => a.IsOfficial).ToList();
            answers = answers.Where(a => !a.IsOfficial).ToList();
            var escalation = await db.Escalations.AsNoTracking().Where(e => e.ThreadId == q.Id).OrderByDescending(e => e.Id)
                .Select(e => new EscalationView(e.Id, e.Status, e.Priority, e.TicketRef, e.EscalatedAt, e.AcknowledgedAt, e.ResolvedAt))
                .FirstOrDefaultAsync(ct);
            return new Model(t.Id, t.Title, t.Slug, head.HubSlug, head.HubName, t.AuthorId, t.TagList.ToArray(),
                t.Status, t.AcceptedPostId, t.IsLocked, t.CreatedAt, t.LastActivityAt, question, solution, answers, mayEditOthers)
            {
                ViewerMayFlag = mayFlag, HubId = t.HubId, ViewerIsModerator = q.ViewerIsModerator, MoveTargets = moveTargets, Official = official, Escalation = escalation,
            };
        }
    }
}
