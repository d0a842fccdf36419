using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Community.Domain;
using Community.Domain.Search;
using Community.Domain.Threads;
using Community.Web.Data;
using Community.Web.Features.Hubs;
using Community.Web.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Search;

public static class SearchThreads
{
    public const int MaxResults = 50;
    public const int PageSize = 20;
    public static int MaxPages => SearchIndexBase.MaxRanked / PageSize;

    /// <summary>When a thread was asked, for the "since" filter.</summary>
    public static readonly IReadOnlyDictionary<string, int> Periods = new Dictionary<string, int> { ["week"] = 7, ["month"] = 31, ["year"] = 366 };

    public sealed record Query(string? Q, int Limit = PageSize, bool AnyTerm = false, string? Hub = null, string? Status = null,
        string? Tag = null, string? When = null, int Page = 1) : IQuery<Model>, IValidate
    {
        public IEnumerable<(string Field, UiMessage Message)> Validate()
        {
            if (string.IsNullOrWhiteSpace(Q)) yield return ("q", "Enter what you are looking for.");
            else if (SearchQuery.Parse(Q).IsEmpty) yield return ("q", "Your search has no words to look for; use letters or digits (operators such as \" * NEAR( are ignored).");
            if (Status is not (null or "" or "solved" or "unsolved")) yield return ("status", "Choose solved or unsolved threads.");
            if (!string.IsNullOrEmpty(When) && !Periods.ContainsKey(When)) yield return ("when", "Choose the past week, month or year.");
            if (Tag is { Length: > 50 }) yield return ("tag", "A tag has at most 50 characters.");
        }
    }

    public sealed record Hit(int ThreadId, string Title, string TitleHtml, string Slug, string HubName, string HubSlug, ThreadStatus Status, int AnswerCount,
        DateTimeOffset LastActivityAt, string SnippetHtml)
    {
        public string Url => Urls.Thread(ThreadId, Slug);
    }

    /// <param name="Correction">The query searched instead when the typed one found nothing ("iphnoe" → "iphone").</param>
    public sealed record Model(string Query, IReadOnlyList<string> Terms, IReadOnlyList<Hit> Hits, int Total, bool TotalIsAtLeast,
        int Page, int TotalPages, string? Correction);

    public sealed class Handler(CommunityDb db, ISearchIndex index, IMediator mediator, TimeProvider clock) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query q, CancellationToken ct)
        {
            var parsed = SearchQuery.Parse(q.Q);
            var request = new SearchRequest(parsed, q.AnyTerm, await FilterAsync(q, ct), await FirstThreadSinceAsync(q.When, ct));
            var found = await index.FindAsync(request, ct);

            string? correction = null;
            if (found.Total == 0 && !q.AnyTerm && await CorrectedAsync(request, ct) is { } better)
            {
                var again = await index.FindAsync(request with { Query = better }, ct);
                if (again.Total > 0) (found, parsed, correction) = (again, better, better.ToString());
            }

            // Every page is a slice of the same ranked list, so page 10 costs what page 1 costs.
            var size = Math.Clamp(q.Limit, 1, MaxResults);
            var pages = Math.Clamp((found.ThreadIds.Count + size - 1) / size, 1, MaxPages);
            var page = Math.Clamp(q.Page, 1, pages);
            var onPage = found.ThreadIds.Skip((page - 1) * size).Take(size).ToList();
            return new Model(q.Q!, parsed.Terms, await HitsAsync(onPage, parsed, ct), found.Total, found.TotalIsAtLeast, page, pages, correction);
        }

        private async Task<SearchFilter> FilterAsync(Query q, CancellationToken ct)
        {
            IReadOnlyCollection<int>? hubs = null;
            if (!string.IsNullOrEmpty(q.Hub))
            {
                var all = await mediator.Send(new HubDirectory.Query(), ct);
                var hub = all.FirstOrDefault(h => h.Slug == q.Hub) ?? throw ValidationFailedException.For("hub", UiMessage.Saying("There is no hub \"{0}\".", q.Hub));
                hubs = all.WithDescendants(hub.Id);
            }
            return new SearchFilter(hubs, q.Status == "solved" ? ThreadStatus.Solved : null, q.Status == "unsolved", string.IsNullOrWhiteSpace(q.Tag) ? null : q.Tag.Trim());
        }

        /// <summary>Thread ids grow with time, so "asked in the past month" is "id from the first thread of that day on".</summary>
        private async Task<int> FirstThreadSinceAsync(string? when, CancellationToken ct)
        {
            if (string.IsNullOrEmpty(when)) return 0;
            var since = clock.GetUtcNow().AddDays(-Periods[when]);
            var first = await db.Threads.IgnoreQueryFilters().Where(t => t.CreatedAt >= since).OrderBy(t => t.CreatedAt).Select(t => (int?)t.Id).FirstOrDefaultAsync(ct);
            return first ?? int.MaxValue;
        }

        /// <summary>Each term no thread contains is replaced by the closest word of a title or tag.</summary>
        private async Task<SearchQuery?> CorrectedAsync(SearchRequest request, CancellationToken ct)
        {
            var terms = request.Query.Terms.ToList();
            var changed = false;
            for (var i = 0; i < terms.Count; i++)
            {
                var term = terms[i];
                if (term.Length < 3 || !char.IsLetter(term[0])) continue;
                var alone = request with { Query = SearchQuery.Parse(term), AnyTerm = false };
                if ((await index.FindAsync(alone, ct)).Total > 0) continue;
                var edits = Spelling.MaxEditsFor(term);
                string low = term[..1], high = low + '\uffff';
                var known = await db.SearchWords.AsNoTracking()
                    .Where(w => string.Compare(w.Word, low) >= 0 && string.Compare(w.Word, high) < 0
                                && w.Word.Length >= term.Length - edits && w.Word.Length <= term.Length + edits)
                    .Select(w => new { w.Word, w.Threads }).ToListAsync(ct);
                if (Spelling.Closest(term, known.Select(k => (k.Word, k.Threads))) is { } word)
                    (terms[i], changed) = (word, true);
            }
            var query = SearchQuery.Of(terms);
            return changed ? query : null;
        }

        private async Task<List<Hit>> HitsAsync(IReadOnlyList<int> ids, SearchQuery query, CancellationToken ct)
        {
            var threads = await db.Threads.AsNoTracking().Where(t => ids.Contains(t.Id))
                .Join(db.Hubs, t => t.HubId, h => h.Id, (t, h) => new { t.Id, t.Title, t.Slug, HubName = h.Name, HubSlug = h.Slug, t.Status, t.AnswerCount, t.LastActivityAt, t.AcceptedPostId })
                .ToDictionaryAsync(t => t.Id, ct);
            var solutions = threads.Values.Where(t => t.AcceptedPostId is not null).Select(t => t.AcceptedPostId!.Value).ToList();
            // The question, and the solution when there is one: what a reader of the results wants to see.
            var texts = await db.Posts.AsNoTracking()
                .Where(p => !p.IsHidden && ((p.IsQuestion && ids.Contains(p.ThreadId)) || solutions.Contains(p.Id)))
                .Select(p => new { p.ThreadId, p.IsQuestion, p.BodyText }).ToListAsync(ct);

            return ids.Where(threads.ContainsKey).Select(id =>
            {
                var t = threads[id];
                var question = texts.FirstOrDefault(x => x.ThreadId == id && x.IsQuestion)?.BodyText ?? "";
                var solution = texts.FirstOrDefault(x => x.ThreadId == id && !x.IsQuestion)?.BodyText;
                var snippet = Snippet.Of(question, query);
                if (!snippet.HasMatch && solution is not null && Snippet.Of(solution, query) is { HasMatch: true } s) snippet = s;
                return new Hit(t.Id, t.Title, ToHtml(Snippet.Marked(t.Title, query)), t.Slug, t.HubName, t.HubSlug, t.Status, t.AnswerCount, t.LastActivityAt, ToHtml(snippet));
            }).ToList();
        }
    }

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>The snippet's text encoded, its matches in &lt;mark&gt;: nothing a user wrote can become markup.</summary>
    public static string ToHtml(Snippet snippet)
    {
        var sb = new StringBuilder();
        if (snippet.CutBefore) sb.Append('…');
        foreach (var span in snippet.Spans)
        {
            if (span.IsMatch) sb.Append("<mark>").Append(Encoder.Encode(span.Text)).Append("</mark>");
            else sb.Append(Encoder.Encode(span.Text));
        }
        if (snippet.CutAfter) sb.Append('…');
        return sb.ToString();
    }
}
