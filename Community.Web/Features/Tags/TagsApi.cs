using Community.Domain;
using Community.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Community.Web.Features.Tags;

/// <summary>GET /api/v1/tags/{tag}/threads?before=ID: a tag's threads, newest first, 20 a page; <c>older</c> is the next page's cursor.</summary>
public static class TagsApi
{
    public sealed record TagThreadDto(int Id, string Title, string Url, string Hub, string Status, int Answers, DateTimeOffset LastActivityAt, IReadOnlyList<string> Tags);

    public sealed record TagThreadsDto(string Tag, List<TagThreadDto> Threads, int? Older);

    public static void MapTagsApi(this IEndpointRouteBuilder api) =>
        api.MapGroup("/tags").WithTags("Community").MapGet("/{tag}/threads", ListTagThreads);

    public static async Task<Results<Ok<TagThreadsDto>, ProblemHttpResult>> ListTagThreads(string tag, string? before, IMediator m, CancellationToken ct)
    {
        if (!TagPage.TryParseCursor(before, out var cursor))
            throw ValidationFailedException.For("before", UiMessage.Saying("before is the id of the last thread of the previous page."));
        var page = await m.Send(new TagPage.Query(tag, cursor), ct);
        if (page is null) return TypedResults.Problem(statusCode: 404, title: "Not found", detail: $"No thread has the tag \"{tag}\".");
        return TypedResults.Ok(new TagThreadsDto(page.Tag,
            page.Threads.Select(t => new TagThreadDto(t.Id, t.Title, t.Url, t.HubSlug, t.Status.ToString().ToLowerInvariant(), t.AnswerCount, t.LastActivityAt, t.TagList.ToList())).ToList(),
            page.Older));
    }
}
