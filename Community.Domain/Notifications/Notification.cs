namespace Community.Domain.Notifications;

public enum NotificationKind { Badge = 1, ExpertInvitation = 2, HeroOfTheMonth = 3, Moderation = 4, Answer = 5, Solution = 6, Escalation = 7, KudosMilestone = 8 }

/// <summary>How a person wants notifications by email: each at once, one digest a day, or none (in-app only).</summary>
public enum MailPreference { Immediate = 0, DailyDigest = 1, Off = 2 }

public enum MailStatus { Pending = 0, Sent = 1, Failed = 2 }

/// <summary>
/// A mail waiting to be sent: written in the transaction that creates its notification, sent by a background
/// dispatcher, retried when the SMTP server is down, so a mail problem never blocks or fails a request.
/// </summary>
public class OutgoingMail
{
    public long Id { get; set; }
    public string? UserId { get; set; }
    public required string ToAddress { get; set; }
    public required string Subject { get; set; }
    public required string HtmlBody { get; set; }
    public string? UnsubscribeUrl { get; set; }
    public MailStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }

    public void Sent(DateTimeOffset now)
    {
        Attempts++;
        Status = MailStatus.Sent;
        SentAt = now;
        LeaseUntil = null;
        LastError = null;
    }

    public void Failed(string error, DateTimeOffset now, Crm.RetrySchedule schedule, double random01)
    {
        Attempts++;
        LastError = error.Length > 500 ? error[..500] : error;
        LeaseUntil = null;
        if (schedule.Next(Attempts, now, random01) is { } next) NextAttemptAt = next;
        else Status = MailStatus.Failed;
    }
}

/// <summary>Kudos counts on a post worth telling its author about.</summary>
public static class KudosMilestones
{
    public static readonly int[] Counts = [10, 25, 50, 100, 250, 500, 1000];

    public static bool IsMilestone(int count) => Counts.Contains(count);
}

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
