using Community.Domain.Search;
using Community.Domain.Threads;
using Community.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Search;

/// <summary>
/// What every search index shares: which threads changed (SearchPending, written by triggers), how a thread becomes
/// its document (<see cref="SearchDocument"/>), and the words "did you mean" may offer (SearchWords).
/// </summary>
public abstract class SearchIndexBase(CommunityDb db, ILogger log) : ISearchIndex
{
    /// <summary>How many of the newest matching threads a query ranks.</summary>
    public const int Pool = 500;
    public const int MaxRanked = 200;
    public const int CountLimit = 1_000;
    public const double SolvedBoost = 1.25;

    protected CommunityDb Db => db;

    /// <summary>Replaces the thread's document (null: the thread is gone or hidden, so it leaves the index).</summary>
    protected abstract Task WriteAsync(int threadId, SearchDocument? doc, CancellationToken ct);

    /// <summary>The Pool-th newest matching thread (where ranking starts), or null when fewer match.</summary>
    protected abstract Task<int?> NewestMatchAsync(SearchRequest r, int nth, CancellationToken ct);

    /// <summary>The best <paramref name="take"/> matches from thread <paramref name="from"/> on, each with its score (higher is better).</summary>
    protected abstract Task<List<RankedThread>> RankAsync(SearchRequest r, int from, int take, CancellationToken ct);

    /// <summary>How many threads match, counted up to <paramref name="upTo"/>.</summary>
    protected abstract Task<int> CountAsync(SearchRequest r, int upTo, CancellationToken ct);

    protected sealed record RankedThread(int ThreadId, double Score);

    /// <summary>
    /// The newest <see cref="Pool"/> matches are ranked (finding where they start walks the index in id order and stops
    /// there), solved threads get <see cref="SolvedBoost"/>, and the total is counted only when a page could need it.
    /// </summary>
    public async Task<SearchMatches> FindAsync(SearchRequest r, CancellationToken ct)
    {
        var cut = await NewestMatchAsync(r, Pool, ct);
        var ranked = await RankAsync(r, cut ?? r.FirstThreadId, MaxRanked, ct);
        var total = cut is null && ranked.Count < MaxRanked ? ranked.Count : await CountAsync(r, CountLimit + 1, ct);

        var ids = ranked.Select(x => x.ThreadId).ToList();
        var solved = (await db.Threads.AsNoTracking().Where(t => ids.Contains(t.Id) && t.Status == ThreadStatus.Solved).Select(t => t.Id).ToListAsync(ct)).ToHashSet();
        var order = ranked.OrderByDescending(x => solved.Contains(x.ThreadId) ? x.Score * SolvedBoost : x.Score).ThenByDescending(x => x.ThreadId)
            .Select(x => x.ThreadId).ToList();
        return new SearchMatches(order, Math.Min(total, CountLimit), total > CountLimit);
    }

    public async Task UpdateChangedAsync(int max, CancellationToken ct)
    {
        // Newest threads first: a command's own thread is nearly always among them, even behind a backlog.
        var pending = await db.SearchPending.AsNoTracking().OrderByDescending(p => p.ThreadId).Take(max).ToListAsync(ct);
        foreach (var p in pending)
        {
            // A savepoint per document: on PostgreSQL a failed statement would otherwise doom the command's transaction.
            var tx = db.Database.CurrentTransaction;
            if (tx is not null) await tx.CreateSavepointAsync("search_doc", ct);
            try
            {
                var doc = await DocumentAsync(p.ThreadId, ct);
                await WriteAsync(p.ThreadId, doc?.Doc, ct);
                if (doc is not null && p.TitleChanged) await RememberWordsAsync(doc.Value.TitleAndTags, ct);
                if (tx is not null) await tx.ReleaseSavepointAsync("search_doc", ct);
            }
            catch (Exception e) when (e is not OperationCanceledException && !db.IsConcurrencyConflict(e))
            {
                if (tx is not null) await tx.RollbackToSavepointAsync("search_doc", ct);
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
                INSERT INTO "SearchWords" ("Word", "Threads") VALUES ({w}, 1) ON CONFLICT ("Word") DO UPDATE SET "Threads" = "SearchWords"."Threads" + 1
                """, ct);
    }
}

/// <summary>
/// Search on SQLite FTS5, one document per thread (see Data/Sqlite/search-index.sql and <see cref="SearchDocument"/>).
/// A query ranks at most <see cref="SearchIndexBase.Pool"/> matching threads with bm25 (the newest that match, when
/// more do), so its cost does not grow with the community: a word in every thread costs what a word in five hundred
/// threads costs. Solved threads rank higher (<see cref="SearchIndexBase.SolvedBoost"/>).
/// </summary>
public sealed class SqliteSearchIndex(CommunityDb db, ILogger<SqliteSearchIndex> log) : SearchIndexBase(db, log)
{
    protected override async Task WriteAsync(int threadId, SearchDocument? doc, CancellationToken ct)
    {
        await Db.Database.ExecuteSqlAsync($"DELETE FROM search_docs WHERE rowid = {threadId}", ct);
        if (doc is null) return;
        await Db.Database.ExecuteSqlAsync($"""
            INSERT INTO search_docs(rowid, title, question, answers, tags, facets)
            VALUES ({threadId}, {doc.Title}, {doc.Question}, {doc.Answers}, {doc.Tags}, {doc.Facets})
            """, ct);
    }

    protected override async Task<int?> NewestMatchAsync(SearchRequest r, int nth, CancellationToken ct)
    {
        var match = r.Query.ToFtsMatch(r.AnyTerm, r.Filter);
        var cut = await Db.Database.SqlQuery<int>($"""
            SELECT rowid AS Value FROM search_docs WHERE search_docs MATCH {match} AND rowid >= {r.FirstThreadId}
            ORDER BY rowid DESC LIMIT 1 OFFSET {nth - 1}
            """).ToListAsync(ct);
        return cut.Count == 0 ? null : cut[0];
    }

    protected override async Task<List<RankedThread>> RankAsync(SearchRequest r, int from, int take, CancellationToken ct)
    {
        var match = r.Query.ToFtsMatch(r.AnyTerm, r.Filter);
        var w = SearchDocument.Weights;
        // bm25 is negative, better is lower: its opposite is the score.
        return await Db.Database.SqlQuery<RankedThread>($"""
            SELECT rowid AS ThreadId, -bm25(search_docs, {w[0]}, {w[1]}, {w[2]}, {w[3]}, {w[4]}) AS Score
            FROM search_docs WHERE search_docs MATCH {match} AND rowid >= {from}
            ORDER BY Score DESC LIMIT {take}
            """).ToListAsync(ct);
    }

    protected override async Task<int> CountAsync(SearchRequest r, int upTo, CancellationToken ct)
    {
        var match = r.Query.ToFtsMatch(r.AnyTerm, r.Filter);
        return (await Db.Database.SqlQuery<int>($"""
            SELECT count(*) AS Value FROM (SELECT 1 FROM search_docs WHERE search_docs MATCH {match} AND rowid >= {r.FirstThreadId} LIMIT {upTo})
            """).ToListAsync(ct))[0];
    }
}
