using Community.Web.Infrastructure.Security;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Community.Web.Features.Search;

/// <summary>GET /api/v1/search: the same search as the page; any=true matches any word (the ask form's "similar questions").</summary>
public static class SearchApi
{
    public sealed record SearchHitDto(int Id, string Title, string Url, string Hub, string Status, int Answers, string SnippetHtml);

    public static void MapSearchApi(this IEndpointRouteBuilder api) =>
        api.MapGroup("/search").WithTags("Community").MapGet("", SearchThreadsFor).RequireRateLimiting(RateLimitPolicies.Search);

    public static async Task<Ok<List<SearchHitDto>>> SearchThreadsFor(string? q, int? limit, bool? any, IMediator m, CancellationToken ct)
    {
        var result = await m.Send(new SearchThreads.Query(q, limit ?? 20, any ?? false), ct);
        return TypedResults.Ok(result.Hits.Select(h => new SearchHitDto(h.ThreadId, h.Title, h.Url, h.HubName, h.Status.ToString(), h.AnswerCount, h.SnippetHtml)).ToList());
    }
}
