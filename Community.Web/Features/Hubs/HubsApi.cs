using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Community.Web.Features.Hubs;

/// <summary>GET /api/v1/hubs.</summary>
public static class HubsApi
{
    public sealed record HubDto(string Slug, string Name, string? Parent, string Description, int ThreadCount);

    public static void MapHubsApi(this IEndpointRouteBuilder api) =>
        api.MapGroup("/hubs").WithTags("Community").MapGet("", ListHubs);

    public static async Task<Ok<List<HubDto>>> ListHubs(IMediator m, CancellationToken ct)
    {
        var hubs = await m.Send(new HubDirectory.Query(), ct);
        return TypedResults.Ok(hubs.Select(h => new HubDto(h.Slug, h.Name, hubs.FirstOrDefault(p => p.Id == h.ParentId)?.Slug, h.Description, hubs.TotalThreads(h.Id))).ToList());
    }
}
