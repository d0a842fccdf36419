using Community.Domain.Ranks;
using Community.Web.Features.Reputation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Community.Web.Features.Users;

/// <summary>GET /api/v1/users/{name}: a public profile with reputation, rank and badges.</summary>
public static class UsersApi
{
    public sealed record UserDto(string Name, int Reputation, string Rank, string RankDe, string? Title, int Questions, int Answers, int Solutions, int KudosReceived, IReadOnlyList<BadgeDto> Badges);
    public sealed record BadgeDto(string Key, string Name, DateTimeOffset AwardedAt);

    public static void MapUsersApi(this IEndpointRouteBuilder api) =>
        api.MapGroup("/users").WithTags("Community").MapGet("/{name}", GetUser);

    public static async Task<Results<Ok<UserDto>, ProblemHttpResult>> GetUser(string name, IMediator m, RankLadder ranks, CancellationToken ct)
    {
        var p = await m.Send(new Profile.Query(name), ct);
        if (p is null) return TypedResults.Problem(statusCode: 404, title: "Not found", detail: $"There is no user \"{name}\".");
        var rep = await m.Send(new PersonReputation.Query(p.Id), ct);
        var rank = ranks.RankFor(rep.Reputation);
        return TypedResults.Ok(new UserDto(p.Name, rep.Reputation, rank.Name, rank.NameDe, rep.Title, p.Questions, p.Answers, p.Solutions, p.KudosReceived,
            rep.Badges.Select(b => new BadgeDto(b.Badge.Key, b.Badge.Name, b.AwardedAt)).ToList()));
    }
}
