namespace Community.Domain.Dashboard;

/// <summary>The "Dashboard" section: how a solved-thread view turns into a support contact saved and into euros.</summary>
public sealed record ValueOptions
{
    /// <summary>Share of solved-thread views that would otherwise have been a contact with support.</summary>
    public double DeflectionRate { get; init; } = 0.1;
    /// <summary>What one support contact costs (A1 reported about EUR 1.50).</summary>
    public decimal CostPerContact { get; init; } = 1.50m;
    public string Currency { get; init; } = "EUR";
}

public static class ValueFigures
{
    public static int DeflectedContacts(long solvedViews, double rate) => (int)Math.Round(solvedViews * Math.Clamp(rate, 0, 1), MidpointRounding.AwayFromZero);

    public static decimal SavedCost(int deflectedContacts, decimal costPerContact) => deflectedContacts * costPerContact;

    /// <summary>The middle value (the mean of the two middle ones for an even count); null when there is nothing to measure.</summary>
    public static TimeSpan? Median(IEnumerable<TimeSpan> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0) return null;
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : TimeSpan.FromTicks((sorted[mid - 1].Ticks + sorted[mid].Ticks) / 2);
    }

    public static double? Share(int part, int whole) => whole == 0 ? null : (double)part / whole;
}

/// <summary>Crawlers, link previews and monitoring do not count as customers reading an answer.</summary>
public static class BotDetector
{
    private static readonly string[] Markers =
    [
        "bot", "crawl", "spider", "slurp", "facebookexternalhit", "embedly", "preview", "monitor", "curl", "wget", "python-requests",
        "httpclient", "headlesschrome", "lighthouse", "pingdom", "uptime", "feedfetcher", "mediapartners", "bingpreview",
    ];

    public static bool IsBot(string? userAgent) =>
        string.IsNullOrWhiteSpace(userAgent) || Markers.Any(m => userAgent.Contains(m, StringComparison.OrdinalIgnoreCase));
}
