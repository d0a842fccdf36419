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
    /// <summary>Answers on one page of a thread; the question, the accepted solution and support's answers are on every page.</summary>
    public const int AnswersPerPage = 30;

    /// <summary><paramref name="Page"/> null: every answer (the API); else that page of answers, clamped to the pages there are.</summary>
    /// <param name="Order">How the answers that are not pinned (solution, support's) are ordered: most kudos first by default.</param>
    public sealed record Query(int Id, string? ViewerId, bool ViewerIsModerator = false, int? Page = null, AnswerOrder Order = AnswerOrder.Best) : IQuery<Model?>;

    /// <summary>The orders a reader can choose above the answers (<c>?sort=best|oldest|newest</c>).</summary>
    public enum AnswerOrder { Best, Oldest, Newest }

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
        /// <summary>Which page of answers this is, of how many; answers on all pages together (not the solution or support's).</summary>
        public int Page { get; init; } = 1;
        public int TotalPages { get; init; } = 1;
        public int AnswersOnAllPages { get; init; }
        public bool ViewerIsModerator { get; init; }
        /// <summary>Moderators only: hubs to move the thread to.</summary>
        public IReadOnlyList<(string Slug, string Name)> MoveTargets { get; init; } = [];

        public string Url => Urls.Thread(Id, Slug);

        public AnswerOrder Order { get; init; }

        /// <summary>The canonical address of a page of answers: page 1 is the thread's own address.</summary>
        public string PageUrl(int page) => page <= 1 ? Url : $"{Url}?page={page}";

        /// <summary>A page in the reader's chosen order (the links of the pager); in the default order, the canonical address.</summary>
        public string OrderedPageUrl(int page) => Order == AnswerOrder.Best ? PageUrl(page) : SortUrl(Order, page);

        /// <summary>The answers in <paramref name="order"/>, from page <paramref name="page"/>.</summary>
        public string SortUrl(AnswerOrder order, int page = 1) =>
            order == AnswerOrder.Best ? PageUrl(page) : $"{Url}?sort={order.ToString().ToLowerInvariant()}" + (page > 1 ? $"&page={page}" : "");
    }

    /// <summary>A constant number of queries whatever the number of answers: thread with hub, the count of pinned answers, one page of posts with authors, and for a signed-in viewer their kudos and reputation.</summary>
    public sealed class Handler(CommunityDb db, RankLadder ranks) : IQueryHandler<Query, Model?>
    {
        public async ValueTask<Model?> Handle(Query q, CancellationToken ct)
        {
            // Moderators still see a hidden thread (marked as hidden), to review or restore it.
            var threads = q.ViewerIsModerator ? db.Threads.IgnoreQueryFilters() : db.Threads;
            var head = await threads.AsNoTracking()
                .Where(t => t.Id == q.Id)
                .Join(db.Hubs, t => t.HubId, h => h.Id, (t, h) => new { t, HubSlug = h.Slug, HubName = h.Name, HubNameDe = h.NameDe })
                .FirstOrDefaultAsync(ct);
            if (head is null) return null;

            // The question, the solution and support's answers, then one page of the other answers: one query.
            var t0 = head.t;
            var visible = db.Posts.AsNoTracking().Where(p => p.ThreadId == q.Id && (q.ViewerIsModerator || !p.IsHidden));
            var pinned = visible.Where(p => p.IsQuestion || p.Id == t0.AcceptedPostId || p.IsOfficial);
            var others = visible.Where(p => !p.IsQuestion && p.Id != t0.AcceptedPostId && !p.IsOfficial);
            async Task<List<(Post p, string AuthorName, int Reputation, string? Title)>> LoadAsync(int page)
            {
                IQueryable<Post> pageOfOthers = q.Order switch
                {
                    AnswerOrder.Oldest => others.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id),
                    AnswerOrder.Newest => others.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id),
                    _ => others.OrderByDescending(p => p.KudosCount).ThenBy(p => p.CreatedAt).ThenBy(p => p.Id),
                };
                // A wild page number is clamped later; here it must not overflow into a negative offset (PostgreSQL refuses one).
                if (q.Page is not null) pageOfOthers = pageOfOthers.Skip((Math.Clamp(page, 1, int.MaxValue / AnswersPerPage) - 1) * AnswersPerPage).Take(AnswersPerPage);
                var rows = (await pinned.Concat(pageOfOthers)
                    .Join(db.Users, p => p.AuthorId, u => u.Id, (p, u) => new { p, AuthorName = u.UserName!, u.Reputation, u.Title })
                    .ToListAsync(ct))
                    .OrderByDescending(x => x.p.IsQuestion);
                var ordered = q.Order switch
                {
                    AnswerOrder.Oldest => rows.ThenBy(x => x.p.CreatedAt).ThenBy(x => x.p.Id),
                    AnswerOrder.Newest => rows.ThenByDescending(x => x.p.CreatedAt).ThenByDescending(x => x.p.Id),
                    _ => rows.ThenByDescending(x => x.p.KudosCount).ThenBy(x => x.p.CreatedAt).ThenBy(x => x.p.Id),
                };
                return ordered
                    .Select(x => (x.p, x.AuthorName, x.Reputation, x.Title)).ToList();
            }
            var page = Math.Max(1, q.Page ?? 1);
            var posts = await LoadAsync(page);
            // Visible answers are counted on the thread, so the pages are known without counting rows; moderators
            // also see hidden answers, which are counted.
            var pinnedAnswers = posts.Count(x => !x.p.IsQuestion && (x.p.Id == t0.AcceptedPostId || x.p.IsOfficial));
            var othersCount = q.ViewerIsModerator ? await others.CountAsync(ct) : Math.Max(0, t0.AnswerCount - pinnedAnswers);
            var pages = q.Page is null ? 1 : Math.Max(1, (othersCount + AnswersPerPage - 1) / AnswersPerPage);
            // A page past the end (an old link, a typed number) shows the last one.
            if (page > pages) posts = await LoadAsync(page = pages);

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
            // Hidden posts are gone for the public and stay visible to moderators; a hidden question hides the thread.
            if (views.FirstOrDefault(v => v.IsQuestion) is not { } question || (question.IsHidden && !q.ViewerIsModerator)) return null;
            var t = head.t;
            var solution = views.FirstOrDefault(v => v.Id == t.AcceptedPostId && (!v.IsHidden || q.ViewerIsModerator));
            var answers = views.Where(v => !v.IsQuestion && v.Id != t.AcceptedPostId && (!v.IsHidden || q.ViewerIsModerator)).ToList();
            var official = answers.Where(a => a.IsOfficial).ToList();
            answers = answers.Where(a => !a.IsOfficial).ToList();
            var escalation = await db.Escalations.AsNoTracking().Where(e => e.ThreadId == q.Id).OrderByDescending(e => e.Id)
                .Select(e => new EscalationView(e.Id, e.Status, e.Priority, e.TicketRef, e.EscalatedAt, e.AcknowledgedAt, e.ResolvedAt))
                .FirstOrDefaultAsync(ct);
            return new Model(t.Id, t.Title, t.Slug, head.HubSlug, HubText.In(System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, head.HubName, head.HubNameDe), t.AuthorId, t.TagList.ToArray(),
                t.Status, t.AcceptedPostId, t.IsLocked, t.CreatedAt, t.LastActivityAt, question, solution, answers, mayEditOthers)
            {
                ViewerMayFlag = mayFlag, HubId = t.HubId, ViewerIsModerator = q.ViewerIsModerator, MoveTargets = moveTargets, Official = official, Escalation = escalation,
                Page = page, TotalPages = pages, AnswersOnAllPages = othersCount, Order = q.Order,
            };
        }
    }
}
