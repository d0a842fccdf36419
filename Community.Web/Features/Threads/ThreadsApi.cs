using System.Security.Claims;
using Community.Web.Data;
using Community.Web.Features.Api;
using Community.Web.Features.Reputation;
using Community.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Threads;

/// <summary>Threads, posts, kudos, solutions and expert invitations under /api/v1.</summary>
public static class ThreadsApi
{
    public sealed record AskDto(string? Hub, string? Title, string? Body, string[]? Tags);
    /// <summary>Reason: why a moderator edits someone else's post (required then).</summary>
    public sealed record BodyDto(string? Body, string? Title, string? Reason = null);
    public sealed record SolutionDto(int? PostId);
    public sealed record InviteDto(string[]? Experts);
    public sealed record PostDto(int Id, bool IsQuestion, string Author, string Markdown, string Html, DateTimeOffset CreatedAt, DateTimeOffset? EditedAt, int Kudos, bool IsSolution);
    public sealed record ThreadDto(int Id, string Title, string Url, string Hub, string[] Tags, string Status, int? AcceptedPostId, bool IsLocked, DateTimeOffset CreatedAt, DateTimeOffset LastActivityAt, IReadOnlyList<PostDto> Posts);

    public static void MapThreadsApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("").WithTags("Community");
        const string write = ApiTokenFormat.WritePolicy;
        group.MapPost("/threads", AskQuestion).RequireAuthorization(write);
        group.MapGet("/threads/{id:int}", GetThread);
        group.MapPost("/threads/{id:int}/posts", AnswerThread).RequireAuthorization(write);
        group.MapPut("/posts/{id:int}", EditPostBody).RequireAuthorization(write);
        group.MapPost("/posts/{id:int}/kudos", GiveKudosTo).RequireAuthorization(write);
        group.MapDelete("/posts/{id:int}/kudos", WithdrawKudosFrom).RequireAuthorization(write);
        group.MapPut("/threads/{id:int}/solution", MarkSolutionOf).RequireAuthorization(write);
        group.MapPost("/threads/{id:int}/experts", InviteExpertsTo).RequireAuthorization(write);
    }

    public static async Task<Created<CommunityApi.CreatedDto>> AskQuestion(AskDto dto, ClaimsPrincipal user, IMediator m, CancellationToken ct)
    {
        var result = await m.Send(new Ask.Command(user.ToActor(), dto.Hub, dto.Title, dto.Body, dto.Tags is null ? null : string.Join(',', dto.Tags)), ct);
        return TypedResults.Created(result.Url, new CommunityApi.CreatedDto(result.Id, result.Url));
    }

    public static async Task<Results<Ok<ThreadDto>, ProblemHttpResult>> GetThread(int id, IMediator m, CancellationToken ct) =>
        await m.Send(new ThreadView.Query(id, null), ct) is { } t
            ? TypedResults.Ok(ToDto(t))
            : TypedResults.Problem(statusCode: 404, title: "Not found", detail: $"Thread {id} does not exist.");

    public static async Task<Created<CommunityApi.CreatedDto>> AnswerThread(int id, BodyDto dto, ClaimsPrincipal user, IMediator m, CommunityDb db, CancellationToken ct)
    {
        var postId = await m.Send(new Answer.Command(user.ToActor(), id, dto.Body), ct);
        var slug = await db.Threads.Where(t => t.Id == id).Select(t => t.Slug).FirstAsync(ct);
        var url = Urls.Post(id, slug, postId);
        return TypedResults.Created(url, new CommunityApi.CreatedDto(postId, url));
    }

    public static async Task<Ok<CommunityApi.CreatedDto>> EditPostBody(int id, BodyDto dto, ClaimsPrincipal user, IMediator m, CancellationToken ct)
    {
        var result = await m.Send(new EditPost.Command(user.ToActor(), id, dto.Body, dto.Title, dto.Reason), ct);
        return TypedResults.Ok(new CommunityApi.CreatedDto(id, Urls.Post(result.Id, result.Slug, id)));
    }

    public static async Task<Ok<KudosResult>> GiveKudosTo(int id, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
        TypedResults.Ok(await m.Send(new GiveKudos.Command(user.ToActor(), id), ct));

    public static async Task<Ok<KudosResult>> WithdrawKudosFrom(int id, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
        TypedResults.Ok(await m.Send(new WithdrawKudos.Command(user.ToActor(), id), ct));

    public static async Task<Ok<ThreadDto>> MarkSolutionOf(int id, SolutionDto dto, ClaimsPrincipal user, IMediator m, CancellationToken ct)
    {
        var result = await m.Send(new MarkSolution.Command(user.ToActor(), id, dto.PostId), ct);
        return TypedResults.Ok(ToDto((await m.Send(new ThreadView.Query(result.Id, null), ct))!));
    }

    public static async Task<Ok<InvitedDto>> InviteExpertsTo(int id, InviteDto dto, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
        TypedResults.Ok(new InvitedDto(await m.Send(new InviteExperts.Command(user.ToActor(), id, dto.Experts), ct)));

    public sealed record InvitedDto(int Invited);

    private static ThreadDto ToDto(ThreadView.Model t)
    {
        var posts = new List<ThreadView.PostView> { t.Question };
        posts.AddRange(t.Official);
        if (t.Solution is not null) posts.Add(t.Solution);
        posts.AddRange(t.Answers);
        return new ThreadDto(t.Id, t.Title, t.Url, t.HubSlug, t.Tags, t.Status.ToString(), t.AcceptedPostId, t.IsLocked, t.CreatedAt, t.LastActivityAt,
            posts.Select(p => new PostDto(p.Id, p.IsQuestion, p.AuthorName, p.BodyMarkdown, p.BodyHtml, p.CreatedAt, p.EditedAt, p.KudosCount, p.Id == t.AcceptedPostId)).ToList());
    }
}
