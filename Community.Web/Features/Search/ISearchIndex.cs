using Community.Domain.Search;

namespace Community.Web.Features.Search;

/// <summary>
/// The search engine behind the search page, the API and "similar questions". The embedded one is
/// <see cref="SqliteSearchIndex"/> (FTS5); another provider plugs in its own (PostgreSQL: tsvector).
/// </summary>
public interface ISearchIndex
{
    /// <summary>Rewrites the documents of up to <paramref name="max"/> changed threads, newest first; runs before every command commits.</summary>
    Task UpdateChangedAsync(int max, CancellationToken ct);

    /// <summary>The best threads for a query, best first (at most <see cref="SearchIndexBase.MaxRanked"/>), and how many match.</summary>
    Task<SearchMatches> FindAsync(SearchRequest request, CancellationToken ct);
}

/// <param name="FirstThreadId">Only threads with this id or later (the "since" filter: ids grow with time).</param>
public sealed record SearchRequest(SearchQuery Query, bool AnyTerm, SearchFilter Filter, int FirstThreadId = 0);

/// <param name="ThreadIds">The ranked threads, best first: what the result pages show.</param>
/// <param name="Total">How many threads match, counted up to <see cref="SearchIndexBase.CountLimit"/>.</param>
public sealed record SearchMatches(IReadOnlyList<int> ThreadIds, int Total, bool TotalIsAtLeast);
