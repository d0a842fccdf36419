namespace Community.Domain.Reputation;

public sealed record BadgeInfo(string Key, string Name, string Description);

/// <summary>The badges and when they are earned; each is awarded once per person (the key is unique).</summary>
public static class Badges
{
    public static readonly BadgeInfo FirstAnswer = new("first-answer", "First answer", "Answered a question for the first time.");
    public static readonly BadgeInfo FirstSolution = new("first-solution", "First solution", "An answer was accepted as the solution.");
    public static readonly BadgeInfo TenSolutions = new("solutions-10", "Problem solver", "10 answers accepted as solutions.");
    public static readonly BadgeInfo HundredSolutions = new("solutions-100", "Guru", "100 answers accepted as solutions.");

    public static BadgeInfo Hero(Month month) => new($"hero-{month}", $"Hero of the month {month}", $"The community's hero of {month}.");

    public static IEnumerable<BadgeInfo> ForAnswers(int answers) => answers >= 1 ? [FirstAnswer] : [];

    public static IEnumerable<BadgeInfo> ForSolutions(int solutions)
    {
        if (solutions >= 1) yield return FirstSolution;
        if (solutions >= 10) yield return TenSolutions;
        if (solutions >= 100) yield return HundredSolutions;
    }

    /// <summary>A hero badge for a top-level hub: "hero-2026-10-smartphones".</summary>
    public static BadgeInfo HubHero(Month month, string hubSlug, string hubName) =>
        new($"hero-{month}-{hubSlug}", $"Hero of {hubName} {month}", $"The hero of {hubName} in {month}.");

    public static BadgeInfo? Find(string key)
    {
        if (key.StartsWith("hero-", StringComparison.Ordinal) && key.Length >= 12 && Month.TryParse(key.Substring(5, 7), out var month))
            return key.Length == 12 ? Hero(month) : HubHero(month, key[13..], key[13..]);
        return new[] { FirstAnswer, FirstSolution, TenSolutions, HundredSolutions }.FirstOrDefault(b => b.Key == key);
    }
}
