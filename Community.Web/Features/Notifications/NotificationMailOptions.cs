namespace Community.Web.Features.Notifications;

/// <summary>The "Mail" section's settings for notification mail.</summary>
public sealed record NotificationMailOptions
{
    /// <summary>Send queued mail from this instance (any number of instances may).</summary>
    public bool DispatcherEnabled { get; init; } = true;
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>Waits between attempts while the SMTP server is unreachable; then the mail is given up.</summary>
    public List<TimeSpan> RetryDelays { get; init; } = [];
    /// <summary>Local hour (Community:TimeZone) after which the daily digest goes out.</summary>
    public int DigestHour { get; init; } = 7;

    public static readonly TimeSpan[] DefaultRetryDelays =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(6), TimeSpan.FromHours(12)];
}
