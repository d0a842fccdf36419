using System.Security.Claims;
using Community.Web.Infrastructure;
using Mediator;

namespace Community.Web.Features.Notifications;

/// <summary>
/// GET /api/v1/notifications?page=N: the token owner's notifications, newest first, 50 a page, in their stored English,
/// each with who caused it (<c>actor</c>) and whether it was read; POST /api/v1/notifications/{id}/read marks one read.
/// </summary>
public static class NotificationsApi
{
    public static void MapNotificationsApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/notifications").WithTags("Community");
        group.MapGet("", ListMyNotifications).RequireAuthorization(ApiTokenFormat.ReadPolicy);
        group.MapPost("/{id:long}/read", MarkOneRead).RequireAuthorization(ApiTokenFormat.WritePolicy);
    }

    public sealed record NotificationDto(long Id, string Kind, string Text, string Url, DateTimeOffset CreatedAt, bool Read, string? Actor);

    public static async Task<IResult> ListMyNotifications(ClaimsPrincipal user, IMediator m, CancellationToken ct, int page = 1)
    {
        if (page < 1) throw ValidationFailedException.For("page", Community.Domain.UiMessage.Saying("page starts at 1."));
        var rows = await m.Send(new MyNotifications.Query(user.ToActor().UserId, page, InReadersLanguage: false), ct);
        return TypedResults.Ok(rows.Select(r => new NotificationDto(r.Id, KindName(r.Kind), r.Text, r.Url, r.CreatedAt, r.IsRead, r.Actor)).ToList());
    }

    public static async Task<IResult> MarkOneRead(long id, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
        await m.Send(new MarkRead.Command(user.ToActor().UserId, id), ct) is null
            ? TypedResults.Problem(statusCode: 404, title: "Not found", detail: $"Notification {id} does not exist.")
            : TypedResults.NoContent();

    /// <summary>snake_case kind names, as the public contract spells them (answer, kudos_milestone, …).</summary>
    private static string KindName(Community.Domain.Notifications.NotificationKind kind) =>
        System.Text.RegularExpressions.Regex.Replace(kind.ToString(), "(?<=[a-z])([A-Z])", "_$1").ToLowerInvariant();
}
