namespace Community.Domain.Reputation;

/// <summary>Points, solutions and answers per person, hub and community day; HubId 0 is the whole community.</summary>
public class ReputationDaily
{
    public const int AllHubs = 0;
    public int HubId { get; set; }
    public int Day { get; set; }
    public required string UserId { get; set; }
    public int Points { get; set; }
    public int Solutions { get; set; }
    public int Answers { get; set; }
}

/// <summary>All-time points, solutions and answers per person and hub (HubId 0 is the whole community).</summary>
public class ReputationTotal
{
    public int HubId { get; set; }
    public required string UserId { get; set; }
    public int Points { get; set; }
    public int Solutions { get; set; }
    public int Answers { get; set; }
}

/// <summary>The hero of a month (HubId 0) or of a top-level hub in it; the key makes the award happen once.</summary>
public class HeroAward
{
    public int Month { get; set; }
    public int HubId { get; set; }
    public required string UserId { get; set; }
    public int Points { get; set; }
    public int Solutions { get; set; }
    public DateTimeOffset AwardedAt { get; set; }
}

public class UserBadge
{
    public required string UserId { get; set; }
    public required string Badge { get; set; }
    public DateTimeOffset AwardedAt { get; set; }
}

/// <summary>An asker (or moderator) invited an expert to look at a thread.</summary>
public class ExpertInvitation
{
    public int ThreadId { get; set; }
    public required string ExpertId { get; set; }
    public required string InvitedById { get; set; }
    public DateTimeOffset At { get; set; }
}

public enum AlertKind { SerialVoting = 1 }

/// <summary>Something moderators should look at, e.g. one person giving another many kudos in a day.</summary>
public class ModeratorAlert
{
    public long Id { get; set; }
    public AlertKind Kind { get; set; }
    public required string UserId { get; set; }
    public string? OtherUserId { get; set; }
    public int Day { get; set; }
    public required string Detail { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
