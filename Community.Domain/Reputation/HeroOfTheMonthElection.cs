namespace Community.Domain.Reputation;

/// <summary>Someone who earned points in the month, with what decides ties.</summary>
public sealed record HeroCandidate(string UserId, int Points, int Solutions, DateTimeOffset ReachedTotalAt);

/// <summary>
/// Chooses the hero of a month: most points earned in it; ties go to more accepted solutions, then to whoever
/// reached the total first. Nobody with zero or fewer points can be hero.
/// </summary>
public static class HeroOfTheMonthElection
{
    public static HeroCandidate? Choose(IEnumerable<HeroCandidate> candidates) =>
        candidates.Where(c => c.Points > 0)
            .OrderByDescending(c => c.Points)
            .ThenByDescending(c => c.Solutions)
            .ThenBy(c => c.ReachedTotalAt)
            .ThenBy(c => c.UserId, StringComparer.Ordinal)
            .FirstOrDefault();

    /// <summary>A month can be decided once it is over in the community's time zone.</summary>
    public static bool IsOver(Month month, DateTimeOffset now, CommunityCalendar calendar) => calendar.StartOf(month.Next.FirstDay) <= now;

    /// <summary>The first moment the running sum of a person's month entries reached their month total.</summary>
    public static DateTimeOffset ReachedTotalAt(IEnumerable<(DateTimeOffset At, int Points)> entries, int total)
    {
        var sum = 0;
        DateTimeOffset? first = null;
        foreach (var (at, points) in entries.OrderBy(e => e.At))
        {
            sum += points;
            if (sum >= total && first is null) first = at;
            else if (sum < total) first = null;
        }
        return first ?? DateTimeOffset.MaxValue;
    }
}
