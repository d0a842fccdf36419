namespace Community.Domain.Notifications;

public enum NotificationKind { Badge = 1, ExpertInvitation = 2, HeroOfTheMonth = 3, Moderation = 4, Answer = 5, Solution = 6, Escalation = 7 }

/// <summary>An entry in a person's in-app notification list.</summary>
public class Notification
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public NotificationKind Kind { get; set; }
    public required string Text { get; set; }
    public required string Url { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
}
