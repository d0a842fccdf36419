using Community.Domain.Notifications;

namespace Community.Web.Features.Notifications;

/// <param name="Actor">Who caused it (the person who answered), or null.</param>
/// <param name="OpenUrl">The page's link: opening it marks the notification read, then goes to <paramref name="Url"/>.</param>
public sealed record NotificationRow(long Id, NotificationKind Kind, string Text, string Url, DateTimeOffset CreatedAt, bool IsRead, string? Actor)
{
    public string OpenUrl => $"/notifications/{Id}/open";
}
