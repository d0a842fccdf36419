using Community.Domain.Ranks;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Community.Web.Features.Reputation;

/// <summary>GET /api/v1/leaderboard and /api/v1/hall-of-fame.</summary>
public static class ReputationApi
{
    public sealed record ExpertDto(int Position, string Name, string Rank, int Points, int Solutions, int Answers, int AnswerRatePercent);
    public sealed record HeroDto(string Month, string? Hub, string Name, int Points, int Solutions);

    public static void MapReputationApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("").WithTags("Community");
        group.MapGet("/leaderboard", GetLeaderboard);
        group.MapGet("/hall-of-fame", GetHallOfFame);
    }

    public static async Task<Results<Ok<List<ExpertDto>>, ProblemHttpResult>> GetLeaderboard(string? hub, string? period, IMediator m, RankLadder ranks, CancellationToken ct)
    {
        var board = await m.Send(new Leaderboard.Query(string.IsNullOrEmpty(hub) ? null : hub, Leaderboard.Parse(period), 50), ct);
        if (board is null) return TypedResults.Problem(statusCode: 404, title: "Not found", detail: $"There is no hub \"{hub}\".");
        return TypedResults.Ok(board.Rows.Select((r, i) => new ExpertDto(i + 1, r.Name, ranks.RankFor(r.Reputation).Name, r.Points, r.Solutions, r.Answers, r.AnswerRatePercent)).ToList());
    }

    public static async Task<Ok<List<HeroDto>>> GetHallOfFame(IMediator m, CancellationToken ct) =>
        TypedResults.Ok((await m.Send(new HallOfFame.Query(), ct)).Select(e => new HeroDto(e.Month.ToString(), e.HubSlug, e.Name, e.Points, e.Solutions)).ToList());
}
