using Community.Domain.Notifications;

namespace Community.Web.Features.Notifications;

public sealed record NotificationRow(long Id, NotificationKind Kind, string Text, string Url, DateTimeOffset CreatedAt, bool IsRead);
