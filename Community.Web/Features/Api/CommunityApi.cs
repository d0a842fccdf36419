using Community.Domain.Ranks;
using Community.Web.Features.Hubs;
using Community.Web.Features.Notifications;
using Community.Web.Features.Reputation;
using Community.Web.Features.Users;
using Community.Web.Features.Search;
using Community.Web.Features.Threads;
using Community.Web.Infrastructure;
using Mediator;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Api;

/// <summary>The /api/v1 contract. Reads are public like the pages; writes need a personal access token (never a cookie).</summary>
public static class CommunityApi
{
    public sealed record HubDto(string Slug, string Name, string? Parent, string Description, int ThreadCount);
    public sealed record AskDto(string? Hub, string? Title, string? Body, string[]? Tags);
    /// <summary>Reason: why a moderator edits someone else's post (required then).</summary>
    public sealed record BodyDto(string? Body, string? Title, string? Reason = null);
    public sealed record SolutionDto(int? PostId);
    public sealed record CreatedDto(int Id, string Url);
    public sealed record PostDto(int Id, bool IsQuestion, string Author, string Markdown, string Html, DateTimeOffset CreatedAt, DateTimeOffset? EditedAt, int Kudos, bool IsSolution);
    public sealed record ThreadDto(int Id, string Title, string Url, string Hub, string[] Tags, string Status, int? AcceptedPostId, bool IsLocked, DateTimeOffset CreatedAt, DateTimeOffset LastActivityAt, IReadOnlyList<PostDto> Posts);
    public sealed record SearchHitDto(int Id, string Title, string Url, string Hub, string Status, int Answers, string SnippetHtml);

    public sealed record UserDto(string Name, int Reputation, string Rank, string RankDe, string? Title, int Questions, int Answers, int Solutions, int KudosReceived, IReadOnlyList<BadgeDto> Badges);
    public sealed record BadgeDto(string Key, string Name, DateTimeOffset AwardedAt);
    public sealed record ExpertDto(int Position, string Name, string Rank, int Points, int Solutions, int Answers, int AnswerRatePercent);
    public sealed record HeroDto(string Month, string? Hub, string Name, int Points, int Solutions);
    public sealed record InviteDto(string[]? Experts);

    public static void MapCommunityApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Community").DisableAntiforgery();
        // Reads are public, except what only the owner may read; every request counts against the token's (or address's) limit.
        api.RequireRateLimiting(Infrastructure.Security.RateLimitPolicies.Api);
        const string write = ApiTokenFormat.WritePolicy;

        api.MapGet("/hubs", async (IMediator m, CancellationToken ct) =>
        {
            var hubs = await m.Send(new HubDirectory.Query(), ct);
            return hubs.Select(h => new HubDto(h.Slug, h.Name, hubs.FirstOrDefault(p => p.Id == h.ParentId)?.Slug, h.Description, hubs.TotalThreads(h.Id)));
        });

        api.MapPost("/threads", async (AskDto dto, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
        {
            var result = await m.Send(new Ask.Command(user.ToActor(), dto.Hub, dto.Title, dto.Body, dto.Tags is null ? null : string.Join(',', dto.Tags)), ct);
            return Results.Created(result.Url, new CreatedDto(result.Id, result.Url));
        }).RequireAuthorization(write);

        api.MapGet("/threads/{id:int}", async (int id, IMediator m, CancellationToken ct) =>
        {
            var t = await m.Send(new ThreadView.Query(id, null), ct);
            return t is null ? Results.Problem(statusCode: 404, title: "Not found", detail: $"Thread {id} does not exist.") : Results.Ok(ToDto(t));
        });

        api.MapPost("/threads/{id:int}/posts", async (int id, BodyDto dto, ClaimsPrincipal user, IMediator m, Community.Web.Data.CommunityDb db, CancellationToken ct) =>
        {
            var postId = await m.Send(new Answer.Command(user.ToActor(), id, dto.Body), ct);
            var slug = await db.Threads.Where(t => t.Id == id).Select(t => t.Slug).FirstAsync(ct);
            var url = Urls.Post(id, slug, postId);
            return Results.Created(url, new CreatedDto(postId, url));
        }).RequireAuthorization(write);

        api.MapPut("/posts/{id:int}", async (int id, BodyDto dto, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
        {
            var result = await m.Send(new EditPost.Command(user.ToActor(), id, dto.Body, dto.Title, dto.Reason), ct);
            return Results.Ok(new CreatedDto(id, $"{result.Url}#post-{id}"));
        }).RequireAuthorization(write);

        api.MapPost("/posts/{id:int}/kudos", async (int id, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
            Results.Ok(await m.Send(new GiveKudos.Command(user.ToActor(), id), ct))).RequireAuthorization(write);

        api.MapDelete("/posts/{id:int}/kudos", async (int id, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
            Results.Ok(await m.Send(new WithdrawKudos.Command(user.ToActor(), id), ct))).RequireAuthorization(write);

        api.MapPut("/threads/{id:int}/solution", async (int id, SolutionDto dto, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
        {
            var result = await m.Send(new MarkSolution.Command(user.ToActor(), id, dto.PostId), ct);
            var t = await m.Send(new ThreadView.Query(result.Id, null), ct);
            return Results.Ok(ToDto(t!));
        }).RequireAuthorization(write);

        api.MapGet("/users/{name}", async (string name, IMediator m, RankLadder ranks, CancellationToken ct) =>
        {
            var p = await m.Send(new Profile.Query(name), ct);
            if (p is null) return Results.Problem(statusCode: 404, title: "Not found", detail: $"There is no user \"{name}\".");
            var rep = await m.Send(new PersonReputation.Query(p.Id), ct);
            var rank = ranks.RankFor(rep.Reputation);
            return Results.Ok(new UserDto(p.Name, rep.Reputation, rank.Name, rank.NameDe, rep.Title, p.Questions, p.Answers, p.Solutions, p.KudosReceived,
                rep.Badges.Select(b => new BadgeDto(b.Badge.Key, b.Badge.Name, b.AwardedAt)).ToList()));
        });

        api.MapGet("/leaderboard", async (string? hub, string? period, IMediator m, RankLadder ranks, CancellationToken ct) =>
        {
            var board = await m.Send(new Leaderboard.Query(string.IsNullOrEmpty(hub) ? null : hub, Leaderboard.Parse(period), 50), ct);
            if (board is null) return Results.Problem(statusCode: 404, title: "Not found", detail: $"There is no hub \"{hub}\".");
            return Results.Ok(board.Rows.Select((r, i) => new ExpertDto(i + 1, r.Name, ranks.RankFor(r.Reputation).Name, r.Points, r.Solutions, r.Answers, r.AnswerRatePercent)));
        });

        api.MapGet("/hall-of-fame", async (IMediator m, CancellationToken ct) =>
            (await m.Send(new HallOfFame.Query(), ct)).Select(e => new HeroDto(e.Month.ToString(), e.HubSlug, e.Name, e.Points, e.Solutions)));

        api.MapGet("/notifications", async (ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
            await m.Send(new MyNotifications.Query(user.ToActor().UserId, InReadersLanguage: false), ct)).RequireAuthorization(ApiTokenFormat.ReadPolicy);

        api.MapPost("/threads/{id:int}/experts", async (int id, InviteDto dto, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
            Results.Ok(new { invited = await m.Send(new InviteExperts.Command(user.ToActor(), id, dto.Experts), ct) })).RequireAuthorization(write);

        api.MapGet("/search", async (string? q, int? limit, bool? any, IMediator m, CancellationToken ct) =>
        {
            var result = await m.Send(new SearchThreads.Query(q, limit ?? 20, any ?? false), ct);
            return result.Hits.Select(h => new SearchHitDto(h.ThreadId, h.Title, h.Url, h.HubName, h.Status.ToString(), h.AnswerCount, h.SnippetHtml));
        }).RequireRateLimiting(Infrastructure.Security.RateLimitPolicies.Search);
    }

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
