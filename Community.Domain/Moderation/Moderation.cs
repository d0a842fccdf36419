namespace Community.Domain.Moderation;

public enum FlagReason
{
    Spam = 1,
    Offensive = 2,
    OffTopic = 3,
    Other = 4,
}

/// <summary>A member tells moderators a post needs a look. One per member and post.</summary>
public class Flag
{
    public const int MaxNoteLength = 500;

    public long Id { get; set; }
    public int PostId { get; set; }
    public required string UserId { get; set; }
    public FlagReason Reason { get; set; }
    public string Note { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? ResolvedById { get; set; }
    public string? Outcome { get; set; }

    public bool IsOpen => ResolvedAt is null;

    public static Flag Raise(int postId, string postAuthorId, string userId, FlagReason reason, string? note, DateTimeOffset now)
    {
        if (userId == postAuthorId) throw new DomainException("You cannot flag your own post; edit it instead.");
        if (!Enum.IsDefined(reason)) throw new DomainException("Choose why the post needs a moderator's look.");
        var n = note?.Trim() ?? "";
        if (reason == FlagReason.Other && n.Length == 0) throw new DomainException("Tell the moderators what is wrong with the post.");
        if (n.Length > MaxNoteLength) throw new DomainException(UiMessage.Saying("The note must be at most {0} characters long.", MaxNoteLength));
        return new Flag { PostId = postId, UserId = userId, Reason = reason, Note = n, CreatedAt = now };
    }
}

public enum ModerationAction
{
    HidePost = 1,
    UnhidePost = 2,
    MarkSpam = 3,
    LockThread = 4,
    UnlockThread = 5,
    MoveThread = 6,
    EditPost = 7,
    SuspendUser = 8,
    UnsuspendUser = 9,
    DismissFlags = 10,
    EscalateThread = 11,
    AcknowledgeEscalation = 12,
    ResolveEscalation = 13,
    RedactRevision = 14,
    CreateHub = 15,
    EditHub = 16,
}

/// <summary>One line of the moderation audit log: who did what to what, when and why. Never changed.</summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>The person who acted, or null when a system (a helpdesk API key) did; then <see cref="ActorLabel"/> names it.</summary>
    public string? ActorId { get; set; }
    public string ActorLabel { get; set; } = "";
    public ModerationAction Action { get; set; }
    public int? ThreadId { get; set; }
    public int? PostId { get; set; }
    public string? TargetUserId { get; set; }
    public string Reason { get; set; } = "";
    public string Detail { get; set; } = "";
}

/// <summary>Checks a moderator's reason and a suspension's length.</summary>
public static class ModerationRules
{
    public const int MaxReasonLength = 500;
    public const int MaxSuspensionDays = 365;

    public static UiMessage? CheckReason(string? reason, bool required = true)
    {
        var r = reason?.Trim() ?? "";
        if (required && r.Length == 0) return "Give a reason; it is kept in the audit log and shown to the author.";
        if (r.Length > MaxReasonLength) return UiMessage.Saying("The reason must be at most {0} characters long.", MaxReasonLength);
        return null;
    }

    public static UiMessage? CheckSuspensionDays(int days) =>
        days is < 1 or > MaxSuspensionDays ? UiMessage.Saying("Suspend for 1 to {0} days.", MaxSuspensionDays) : null;

    public static DateTimeOffset SuspendedUntil(DateTimeOffset now, int days) => now.AddDays(days);

    /// <summary>Moderators suspend members: never themselves, never staff (an admin removes the role first).</summary>
    public static void EnsureMaySuspend(string moderatorId, string targetId, bool targetIsStaff)
    {
        if (targetId == moderatorId) throw new DomainException("You cannot suspend yourself.");
        if (targetIsStaff) throw new ForbiddenException("Staff accounts cannot be suspended by moderators; an admin removes the role first.");
    }
}
