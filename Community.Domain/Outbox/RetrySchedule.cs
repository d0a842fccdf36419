namespace Community.Domain.Outbox;

/// <summary>
/// When to try a failed delivery again: the configured delays (by default about three days in all, after the
/// Standard Webhooks/Svix schedule) with ±20 % jitter so a recovering receiver is not hit by every sender at once.
/// </summary>
public sealed class RetrySchedule(IReadOnlyList<TimeSpan> delays)
{
    public static readonly TimeSpan[] Default =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
        TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10), TimeSpan.FromHours(24), TimeSpan.FromHours(20),
    ];

    public IReadOnlyList<TimeSpan> Delays { get; } = delays.Count > 0 ? delays : Default;

    public int MaxAttempts => Delays.Count + 1;

    /// <summary>The time of the next attempt after <paramref name="failedAttempts"/> failures, or null when the delivery is dead.</summary>
    public DateTimeOffset? Next(int failedAttempts, DateTimeOffset now, double random01)
    {
        if (failedAttempts < 1 || failedAttempts > Delays.Count) return null;
        var delay = Delays[failedAttempts - 1];
        var jitter = 0.8 + 0.4 * Math.Clamp(random01, 0, 1);
        return now + TimeSpan.FromTicks((long)(delay.Ticks * jitter));
    }
}
