using Community.Web.Infrastructure.Security;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Community.Web.Features.Search;

/// <summary>GET /api/v1/search: the same search as the page; any=true matches any word (the ask form's "similar questions").</summary>
public static class SearchApi
{
    public sealed record SearchHitDto(int Id, string Title, string Url, string Hub, string Status, int Answers, string SnippetHtml);

    public sealed record SearchResultDto(string Query, string? Correction, int Total, bool TotalIsAtLeast, int Page, int Pages, List<SearchHitDto> Hits);

    public static void MapSearchApi(this IEndpointRouteBuilder api)
    {
        var search = api.MapGroup("/search").WithTags("Community").RequireRateLimiting(RateLimitPolicies.Search);
        search.MapGet("", SearchThreadsFor);
        search.MapGet("/results", SearchWithFilters);
    }

    /// <summary>The hits only, as the ask form's "similar questions" reads them.</summary>
    public static async Task<Ok<List<SearchHitDto>>> SearchThreadsFor(string? q, int? limit, bool? any, IMediator m, CancellationToken ct)
    {
        var result = await m.Send(new SearchThreads.Query(q, limit ?? SearchThreads.PageSize, any ?? false), ct);
        return TypedResults.Ok(Hits(result));
    }

    /// <summary>The search page's result: filters (hub with its sub-hubs, status=solved|unsolved, tag, when=week|month|year), page, total and a spelling correction.</summary>
    public static async Task<Ok<SearchResultDto>> SearchWithFilters(string? q, string? hub, string? status, string? tag, string? when, int? page, IMediator m, CancellationToken ct)
    {
        var r = await m.Send(new SearchThreads.Query(q, SearchThreads.PageSize, false, hub, status, tag, when, page ?? 1), ct);
        return TypedResults.Ok(new SearchResultDto(r.Query, r.Correction, r.Total, r.TotalIsAtLeast, r.Page, r.TotalPages, Hits(r)));
    }

    private static List<SearchHitDto> Hits(SearchThreads.Model r) =>
        r.Hits.Select(h => new SearchHitDto(h.ThreadId, h.Title, h.Url, h.HubName, h.Status.ToString(), h.AnswerCount, h.SnippetHtml)).ToList();
}
