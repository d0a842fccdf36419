using Community.Web.Features.Hubs;
using Community.Web.Features.Notifications;
using Community.Web.Features.Reputation;
using Community.Web.Features.Search;
using Community.Web.Features.Threads;
using Community.Web.Features.Users;
using Community.Web.Infrastructure.Security;

namespace Community.Web.Features.Api;

/// <summary>
/// The /api/v1 contract, one endpoint group per feature next to its pages (Features/*/…Api.cs). Reads are public
/// like the pages; writes need a personal access token (never a cookie); every request counts against a limit.
/// </summary>
public static class CommunityApi
{
    public sealed record CreatedDto(int Id, string Url);

    public static void MapCommunityApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").DisableAntiforgery().RequireRateLimiting(RateLimitPolicies.Api);
        api.MapHubsApi();
        api.MapThreadsApi();
        api.MapUsersApi();
        api.MapReputationApi();
        api.MapNotificationsApi();
        api.MapSearchApi();
        Tags.TagsApi.MapTagsApi(api);
        Threads.Preview.MapPreviewApi(api);
        Uploads.UploadsEndpoints.MapUploadsApi(api);
        Following.FollowApi.MapFollowApi(api);
    }
}
