namespace Community.Domain.Reputation;

/// <summary>Points and limits of the reputation system; bound from the "Reputation" section of appsettings.</summary>
public sealed record ReputationOptions
{
    public int KudosOnAnswer { get; init; } = 10;
    public int KudosOnQuestion { get; init; } = 5;
    public int SolutionAccepted { get; init; } = 15;
    public int AskerAccepts { get; init; } = 2;
    public int HeroOfTheMonthBonus { get; init; } = 100;
    public int SpamRemoved { get; init; } = -50;

    /// <summary>Stack Exchange caps reputation from votes at 200 a day; solutions and bonuses are exempt.</summary>
    public int DailyKudosCap { get; init; } = 200;

    /// <summary>Kudos from one voter to one author beyond this many in 24 hours earn nothing and are reported.</summary>
    public int SerialVotingLimit { get; init; } = 5;

    /// <summary>Brand-new accounts cannot give kudos (sock puppets).</summary>
    public TimeSpan MinAccountAgeForKudos { get; init; } = TimeSpan.FromMinutes(10);
}

public enum PointsReason
{
    KudosReceived = 1,
    KudosWithdrawn = 2,
    SolutionAccepted = 3,
    SolutionUnmarked = 4,
    AskerAccepted = 5,
    AskerUnaccepted = 6,
    HeroOfTheMonth = 7,
    SpamRemoved = 8,
    PostHidden = 9,
    /// <summary>A post marked as spam was restored: the penalty is taken back.</summary>
    SpamRestored = 10,
}

/// <summary>One append-only change of a person's reputation; a withdrawal is a new, reversing row.</summary>
public class LedgerEntry
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public int Points { get; set; }
    public PointsReason Reason { get; set; }
    /// <summary>Who caused it (the voter, the asker who accepted), if anyone.</summary>
    public string? SourceUserId { get; set; }
    public int? PostId { get; set; }
    public int? ThreadId { get; set; }
    public int? HubId { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>The community day (yyyymmdd in the community's time zone) it counts for.</summary>
    public int Day { get; set; }
}
