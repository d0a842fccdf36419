using System.Security.Claims;
using Community.Web.Infrastructure;
using Mediator;

namespace Community.Web.Features.Notifications;

/// <summary>GET /api/v1/notifications: the token owner's notifications, in their stored English.</summary>
public static class NotificationsApi
{
    public static void MapNotificationsApi(this IEndpointRouteBuilder api) =>
        api.MapGroup("/notifications").WithTags("Community").MapGet("", ListMyNotifications).RequireAuthorization(ApiTokenFormat.ReadPolicy);

    public static async Task<IResult> ListMyNotifications(ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
        TypedResults.Ok(await m.Send(new MyNotifications.Query(user.ToActor().UserId, InReadersLanguage: false), ct));
}
