namespace Community.Domain.Reputation;

/// <summary>
/// "Ask an expert" without spam: a thread asks at most <see cref="MaxPerThread"/> experts, a person sends at most
/// <see cref="MaxSentPerDay"/> invitations a day (moderators are not limited), and nobody gets more than
/// <see cref="MaxReceivedPerDay"/> a day, counting the automatic offers of unanswered threads.
/// </summary>
public static class ExpertInvitationRules
{
    public const int MaxPerThread = 3;
    public const int MaxSentPerDay = 10;
    public const int MaxReceivedPerDay = 5;
    /// <summary>How many of a hub's top experts are offered for choosing.</summary>
    public const int ListedExperts = 10;

    /// <summary>The window the daily limits count in.</summary>
    public static DateTimeOffset DayStart(DateTimeOffset now) => now.AddHours(-24);

    public static UiMessage? CheckChoice(int chosen) =>
        chosen == 0 ? "Choose at least one expert to invite."
        : chosen > MaxPerThread ? UiMessage.Saying("Invite at most {0} experts to a thread.", MaxPerThread)
        : null;

    /// <summary>Room left on the thread for <paramref name="adding"/> more, after <paramref name="alreadyInvited"/>.</summary>
    public static UiMessage? CheckThreadLimit(int alreadyInvited, int adding) =>
        alreadyInvited + adding > MaxPerThread
            ? UiMessage.Saying("A thread can invite at most {0} experts; {1} already invited.", MaxPerThread, alreadyInvited)
            : null;

    /// <summary>The daily limits of the one who invites and of those invited (<paramref name="busyExperts"/>: already at their limit today).</summary>
    public static void EnsureDailyLimits(int sentToday, int adding, bool isModerator, IReadOnlyList<string> busyExperts)
    {
        if (!isModerator && sentToday + adding > MaxSentPerDay)
            throw DomainException.Saying("You can send at most {0} expert invitations a day.", MaxSentPerDay);
        if (busyExperts.Count > 0)
            throw DomainException.Saying("{0} already got {1} invitations today; please choose someone else.", string.Join(", ", busyExperts), MaxReceivedPerDay);
    }

    /// <summary>An automatic offer leaves out experts at their daily limit and fills the thread up to its limit.</summary>
    public static int RoomForOffers(int alreadyInvited) => Math.Max(0, MaxPerThread - alreadyInvited);
}

/// <summary>When a profile may call a person an expert for a hub: not after one lucky answer.</summary>
public static class ExpertLabel
{
    /// <summary>Accepted solutions in the hub (sub-hubs included) before the profile says "Expert for".</summary>
    public const int MinSolutions = 3;

    public static bool Earned(int solutionsInHub) => solutionsInHub >= MinSolutions;
}
