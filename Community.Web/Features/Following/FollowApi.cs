using System.Security.Claims;
using Community.Domain.Following;
using Community.Web.Infrastructure;
using Mediator;

namespace Community.Web.Features.Following;

/// <summary>
/// <c>POST|DELETE /api/v1/threads/{id}/watch</c>, <c>POST|DELETE /api/v1/hubs/{slug}/watch</c> (POST takes an optional
/// <c>{"level": "watching" | "muted"}</c>, watching by default; DELETE goes back to normal) and
/// <c>POST|DELETE /api/v1/threads/{id}/bookmark</c>, all 204; <c>GET /api/v1/bookmarks</c> lists the token owner's bookmarks.
/// </summary>
public static class FollowApi
{
    public sealed record LevelDto(string? Level);

    public static void MapFollowApi(this IEndpointRouteBuilder api)
    {
        var write = ApiTokenFormat.WritePolicy;
        api.MapPost("/threads/{id:int}/watch", (int id, LevelDto? dto, ClaimsPrincipal u, IMediator m, CancellationToken ct) =>
            Send(m.Send(new Follow.WatchThread(u.ToActor(), id, Level(dto)), ct))).WithTags("Community").RequireAuthorization(write);
        api.MapDelete("/threads/{id:int}/watch", (int id, ClaimsPrincipal u, IMediator m, CancellationToken ct) =>
            Send(m.Send(new Follow.WatchThread(u.ToActor(), id, null), ct))).WithTags("Community").RequireAuthorization(write);
        api.MapPost("/hubs/{slug}/watch", (string slug, LevelDto? dto, ClaimsPrincipal u, IMediator m, CancellationToken ct) =>
            Send(m.Send(new Follow.WatchHub(u.ToActor(), slug, Level(dto)), ct))).WithTags("Community").RequireAuthorization(write);
        api.MapDelete("/hubs/{slug}/watch", (string slug, ClaimsPrincipal u, IMediator m, CancellationToken ct) =>
            Send(m.Send(new Follow.WatchHub(u.ToActor(), slug, null), ct))).WithTags("Community").RequireAuthorization(write);
        api.MapPost("/threads/{id:int}/bookmark", (int id, ClaimsPrincipal u, IMediator m, CancellationToken ct) =>
            Send(m.Send(new Follow.BookmarkThread(u.ToActor(), id, true), ct))).WithTags("Community").RequireAuthorization(write);
        api.MapDelete("/threads/{id:int}/bookmark", (int id, ClaimsPrincipal u, IMediator m, CancellationToken ct) =>
            Send(m.Send(new Follow.BookmarkThread(u.ToActor(), id, false), ct))).WithTags("Community").RequireAuthorization(write);
        api.MapGet("/bookmarks", async (ClaimsPrincipal u, IMediator m, CancellationToken ct, int page = 1) =>
        {
            if (page < 1) throw ValidationFailedException.For("page", Community.Domain.UiMessage.Saying("page starts at 1."));
            var list = await m.Send(new BookmarkList.Query(u.ToActor().UserId, page), ct);
            return TypedResults.Ok(list.Rows.Select(r => new { id = r.ThreadId, title = r.Title, url = r.Url, bookmarkedAt = r.At }).ToList());
        }).WithTags("Community").RequireAuthorization(ApiTokenFormat.ReadPolicy);
    }

    private static WatchLevel Level(LevelDto? dto) => string.IsNullOrEmpty(dto?.Level) ? WatchLevel.Watching
        : Follow.ParseLevel(dto.Level) ?? throw ValidationFailedException.For("level", Community.Domain.UiMessage.Saying("level is \"watching\" or \"muted\"."));

    private static async Task<IResult> Send(ValueTask<Unit> sent)
    {
        await sent;
        return TypedResults.NoContent();
    }
}
