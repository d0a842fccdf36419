using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using Community.Domain;
using Community.Domain.Search;
using Community.Domain.Threads;
using Community.Web.Data;
using Community.Web.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Search;

public static class SearchThreads
{
    public const int MaxResults = 50;

    public sealed record Query(string? Q, int Limit = 20, bool AnyTerm = false) : IQuery<Model>, IValidate
    {
        public IEnumerable<(string Field, UiMessage Message)> Validate()
        {
            if (string.IsNullOrWhiteSpace(Q)) yield return ("q", "Enter what you are looking for.");
            else if (SearchQuery.Parse(Q).IsEmpty) yield return ("q", "Your search has no words to look for; use letters or digits (operators such as \" * NEAR( are ignored).");
        }
    }

    public sealed record Hit(int ThreadId, string Title, string Slug, string HubName, ThreadStatus Status, int AnswerCount, string SnippetHtml)
    {
        public string Url => Urls.Thread(ThreadId, Slug);
    }

    public sealed record Model(string Query, IReadOnlyList<string> Terms, IReadOnlyList<Hit> Hits);

    private sealed record Row(long ThreadId, long PostId, string Snippet, double Rank);

    // Private-use characters mark the matches: the snippet is HTML-encoded first, then the marks become <mark>,
    // so nothing a user wrote can become markup.
    private const string Open = "\uE000";
    private const string Close = "\uE001";

    public sealed class Handler(CommunityDb db) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query q, CancellationToken ct)
        {
            var parsed = SearchQuery.Parse(q.Q);
            var match = parsed.ToFtsMatch(q.AnyTerm);
            var rows = await db.Database.SqlQuery<Row>($"""
                SELECT CAST(thread_id AS INTEGER) AS ThreadId, CAST(post_id AS INTEGER) AS PostId,
                       snippet(search_index, 3, {Open}, {Close}, '…', 24) AS Snippet,
                       bm25(search_index, 0.0, 0.0, 8.0, 1.0) AS Rank
                FROM search_index WHERE search_index MATCH {match}
                ORDER BY Rank LIMIT 400
                """).ToListAsync(ct);

            var best = rows.GroupBy(r => r.ThreadId).Select(g => g.First()).Take(Math.Clamp(q.Limit, 1, MaxResults)).ToList();
            var ids = best.Select(r => (int)r.ThreadId).ToList();
            var threads = await db.Threads.AsNoTracking().Where(t => ids.Contains(t.Id))
                .Join(db.Hubs, t => t.HubId, h => h.Id, (t, h) => new { t.Id, t.Title, t.Slug, HubName = h.Name, t.Status, t.AnswerCount })
                .ToDictionaryAsync(t => t.Id, ct);

            var hits = best.Where(r => threads.ContainsKey((int)r.ThreadId)).Select(r =>
            {
                var t = threads[(int)r.ThreadId];
                var snippet = string.IsNullOrWhiteSpace(r.Snippet) ? "" : Highlight(r.Snippet);
                return new Hit(t.Id, t.Title, t.Slug, t.HubName, t.Status, t.AnswerCount, snippet);
            }).ToList();
            return new Model(q.Q!, parsed.Terms, hits);
        }
    }

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>Encodes the snippet's text and turns only the FTS match markers into &lt;mark&gt;.</summary>
    public static string Highlight(string snippet)
    {
        var sb = new StringBuilder(snippet.Length + 32);
        foreach (var part in Regex.Split(snippet, $"({Open}|{Close})"))
            sb.Append(part switch { Open => "<mark>", Close => "</mark>", _ => Encoder.Encode(part) });
        return sb.ToString();
    }
}
