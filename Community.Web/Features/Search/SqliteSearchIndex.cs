using Community.Domain.Search;
using Community.Domain.Threads;
using Community.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Search;

/// <summary>
/// Search on SQLite FTS5, one document per thread (see Data/Sqlite/search-index.sql and <see cref="SearchDocument"/>).
/// A query ranks at most <see cref="Pool"/> matching threads with bm25 (the newest that match, when more do), so its
/// cost does not grow with the community: a word in every thread costs what a word in five hundred threads costs.
/// Solved threads rank higher (<see cref="SolvedBoost"/>).
/// </summary>
public sealed class SqliteSearchIndex(CommunityDb db, ILogger<SqliteSearchIndex> log) : ISearchIndex
{
    public const int Pool = 500;
    public const int MaxRanked = 200;
    public const int CountLimit = 1_000;
    public const double SolvedBoost = 1.25;

    private sealed record Ranked(int ThreadId, double Score);

    public async Task UpdateChangedAsync(int max, CancellationToken ct)
    {
        // Newest threads first: a command's own thread is nearly always among them, even behind a backlog.
        var pending = await db.SearchPending.AsNoTracking().OrderByDescending(p => p.ThreadId).Take(max).ToListAsync(ct);
        foreach (var p in pending)
        {
            try
            {
                await db.Database.ExecuteSqlAsync($"DELETE FROM search_docs WHERE rowid = {p.ThreadId}", ct);
                var doc = await DocumentAsync(p.ThreadId, ct);
                if (doc is null) continue;
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO search_docs(rowid, title, question, answers, tags, facets)
                    VALUES ({p.ThreadId}, {doc.Value.Doc.Title}, {doc.Value.Doc.Question}, {doc.Value.Doc.Answers}, {doc.Value.Doc.Tags}, {doc.Value.Doc.Facets})
                    """, ct);
                if (p.TitleChanged) await RememberWordsAsync(doc.Value.TitleAndTags, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One thread that cannot be indexed must not fail every write of the community; it is left out of search.
                log.LogError(e, "Thread {ThreadId} could not be indexed for search and is left out of it.", p.ThreadId);
            }
        }
        var ids = pending.Select(p => p.ThreadId).ToList();
        if (ids.Count > 0) await db.SearchPending.Where(p => ids.Contains(p.ThreadId)).ExecuteDeleteAsync(ct);
    }

    /// <summary>The thread's document, or null when it is gone or hidden.</summary>
    private async Task<(SearchDocument Doc, string TitleAndTags)?> DocumentAsync(int threadId, CancellationToken ct)
    {
        var t = await db.Threads.AsNoTracking().Where(t => t.Id == threadId)
            .Select(t => new { t.HubId, t.Status, t.Title, t.Tags, t.AcceptedPostId }).FirstOrDefaultAsync(ct);
        if (t is null) return null;
        var posts = db.Posts.AsNoTracking().Where(p => p.ThreadId == threadId && !p.IsHidden);
        var question = await posts.Where(p => p.IsQuestion).Select(p => p.BodyText).FirstOrDefaultAsync(ct);
        if (question is null) return null;
        var answers = await posts.Where(p => !p.IsQuestion)
            .OrderByDescending(p => p.Id == t.AcceptedPostId).ThenByDescending(p => p.KudosCount).ThenBy(p => p.CreatedAt)
            .Take(SearchDocument.MaxAnswers)
            .Select(p => new SearchDocument.AnswerText(p.BodyText, p.Id == t.AcceptedPostId, p.KudosCount, p.CreatedAt))
            .ToListAsync(ct);
        return (SearchDocument.Build(t.HubId, t.Status, t.Title, t.Tags, question, answers), t.Title + " " + t.Tags);
    }

    private async Task RememberWordsAsync(string titleAndTags, CancellationToken ct)
    {
        foreach (var w in Spelling.OfferableWords(titleAndTags))
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO SearchWords(Word, Threads) VALUES ({w}, 1) ON CONFLICT(Word) DO UPDATE SET Threads = Threads + 1
                """, ct);
    }

    public async Task<SearchMatches> FindAsync(SearchRequest r, CancellationToken ct)
    {
        var match = r.Query.ToFtsMatch(r.AnyTerm, r.Filter);
        // The newest Pool matches are ranked; finding where they start walks the index in rowid order and stops there.
        var cut = await db.Database.SqlQuery<int>($"""
            SELECT rowid AS Value FROM search_docs WHERE search_docs MATCH {match} AND rowid >= {r.FirstThreadId}
            ORDER BY rowid DESC LIMIT 1 OFFSET {Pool - 1}
            """).ToListAsync(ct);
        var from = cut.Count == 0 ? r.FirstThreadId : cut[0];
        var w = SearchDocument.Weights;
        var ranked = await db.Database.SqlQuery<Ranked>($"""
            SELECT rowid AS ThreadId, bm25(search_docs, {w[0]}, {w[1]}, {w[2]}, {w[3]}, {w[4]}) AS Score
            FROM search_docs WHERE search_docs MATCH {match} AND rowid >= {from}
            ORDER BY Score LIMIT {MaxRanked}
            """).ToListAsync(ct);
        var total = cut.Count == 0 && ranked.Count < MaxRanked
            ? ranked.Count
            : (await db.Database.SqlQuery<int>($"""
                SELECT count(*) AS Value FROM (SELECT 1 FROM search_docs WHERE search_docs MATCH {match} AND rowid >= {r.FirstThreadId} LIMIT {CountLimit + 1})
                """).ToListAsync(ct))[0];

        var ids = ranked.Select(x => x.ThreadId).ToList();
        var solved = (await db.Threads.AsNoTracking().Where(t => ids.Contains(t.Id) && t.Status == ThreadStatus.Solved).Select(t => t.Id).ToListAsync(ct)).ToHashSet();
        // bm25 is negative, better is lower: a solved thread's score is multiplied by the boost.
        var order = ranked.OrderBy(x => solved.Contains(x.ThreadId) ? x.Score * SolvedBoost : x.Score).ThenByDescending(x => x.ThreadId)
            .Select(x => x.ThreadId).ToList();
        return new SearchMatches(order, Math.Min(total, CountLimit), total > CountLimit);
    }
}
