using System.Text;
using Community.Domain.Search;
using Community.Domain.Threads;
using Community.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Community.Web.Features.Search;

/// <summary>
/// Search on PostgreSQL (Data/Postgres/search-index.sql): one row per thread with a weighted <c>tsvector</c>
/// (title A, tags B, question C, answers D) and its facets as a <c>text[]</c>, both GIN-indexed. The document holds
/// the same German and English Snowball stems as the embedded index (<see cref="SearchDocument"/>), parsed with the
/// <c>simple</c> configuration, so both providers find and rank the same threads for the same words. Queries are
/// built from quoted stems only (<see cref="SearchQuery.ToTsQuery"/>), never from the visitor's syntax. Like the
/// embedded index, a query ranks at most the newest <see cref="SearchIndexBase.Pool"/> matches (<c>ts_rank</c>).
/// </summary>
public sealed class PostgresSearchIndex(CommunityDb db, ILogger<PostgresSearchIndex> log) : SearchIndexBase(db, log)
{
    /// <summary>ts_rank's weights for D (answers), C (question), B (tags), A (title): the embedded index's 1 : 3 : 6 : 10.</summary>
    private const string RankWeights = "ARRAY[0.1, 0.3, 0.6, 1.0]::real[]";

    protected override async Task WriteAsync(int threadId, SearchDocument? doc, CancellationToken ct)
    {
        if (doc is null)
        {
            await Db.Database.ExecuteSqlAsync($"DELETE FROM search_docs WHERE thread_id = {threadId}", ct);
            return;
        }
        await Db.Database.ExecuteSqlAsync($"""
            INSERT INTO search_docs (thread_id, doc, facets)
            VALUES ({threadId},
                setweight(to_tsvector('simple', {doc.Title}), 'A') || setweight(to_tsvector('simple', {doc.Tags}), 'B') ||
                setweight(to_tsvector('simple', {doc.Question}), 'C') || setweight(to_tsvector('simple', {doc.Answers}), 'D'),
                string_to_array({doc.Facets}, ' '))
            ON CONFLICT (thread_id) DO UPDATE SET doc = excluded.doc, facets = excluded.facets
            """, ct);
    }

    /// <summary>The match condition with the filters; every value is a parameter (fresh copies: an Npgsql parameter belongs to one command).</summary>
    private static (string Where, List<NpgsqlParameter> Parameters) Match(SearchRequest r)
    {
        var parameters = new List<NpgsqlParameter> { new("q", r.Query.ToTsQuery(r.AnyTerm)), new("first", r.FirstThreadId) };
        var where = new StringBuilder("doc @@ to_tsquery('simple', @q) AND thread_id >= @first");
        if (r.Filter.HubIds is { Count: > 0 } hubs)
        {
            where.Append(" AND facets && @hubs");
            parameters.Add(new("hubs", hubs.Select(SearchDocument.HubFacet).ToArray()));
        }
        if (r.Filter.Status is { } status)
        {
            where.Append(" AND facets @> ARRAY[@status]");
            parameters.Add(new("status", SearchDocument.StatusFacet(status)));
        }
        if (r.Filter.Unsolved)
        {
            where.Append(" AND NOT facets @> ARRAY[@solved]");
            parameters.Add(new("solved", SearchDocument.StatusFacet(ThreadStatus.Solved)));
        }
        if (!string.IsNullOrWhiteSpace(r.Filter.Tag))
        {
            where.Append(" AND facets @> ARRAY[@tag]");
            parameters.Add(new("tag", SearchDocument.TagFacet(r.Filter.Tag)));
        }
        return (where.ToString(), parameters);
    }

    // The SQL texts below are made of this class's constant fragments only; every value is a parameter.
    protected override async Task<int?> NewestMatchAsync(SearchRequest r, int nth, CancellationToken ct)
    {
        var (where, parameters) = Match(r);
        var sql = $"SELECT thread_id AS \"Value\" FROM search_docs WHERE {where} ORDER BY thread_id DESC LIMIT 1 OFFSET {nth - 1}";
        var cut = await Db.Database.SqlQueryRaw<int>(sql, [.. parameters]).ToListAsync(ct);
        return cut.Count == 0 ? null : cut[0];
    }

    protected override async Task<List<RankedThread>> RankAsync(SearchRequest r, int from, int take, CancellationToken ct)
    {
        var (where, parameters) = Match(r);
        parameters.Add(new("from", from));
        var sql = $"""
            SELECT thread_id AS "ThreadId", ts_rank({RankWeights}, doc, to_tsquery('simple', @q))::float8 AS "Score"
            FROM search_docs WHERE {where} AND thread_id >= @from
            ORDER BY "Score" DESC LIMIT {take}
            """;
        return await Db.Database.SqlQueryRaw<RankedThread>(sql, [.. parameters]).ToListAsync(ct);
    }

    protected override async Task<int> CountAsync(SearchRequest r, int upTo, CancellationToken ct)
    {
        var (where, parameters) = Match(r);
        var sql = $"SELECT count(*)::int AS \"Value\" FROM (SELECT 1 FROM search_docs WHERE {where} LIMIT {upTo}) AS m";
        return (await Db.Database.SqlQueryRaw<int>(sql, [.. parameters]).ToListAsync(ct))[0];
    }
}
