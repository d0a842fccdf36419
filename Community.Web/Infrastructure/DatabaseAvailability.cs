using System.Net.Sockets;
using Npgsql;

namespace Community.Web.Infrastructure;

/// <summary>
/// Whether the database can serve this instance: set by the start-up step (<see cref="Data.DatabaseSetup"/>) and
/// read by /healthz/ready. A database that is down or not yet migrated keeps the instance running, not ready:
/// requests that need the database answer 503 with a readable page, and the start-up step is retried until it succeeds.
/// </summary>
public sealed class DatabaseAvailability
{
    private volatile string? notReady = "The database has not been checked yet.";

    public bool IsReady => notReady is null;

    /// <summary>Why the instance is not ready (for /healthz/ready and the log), or null.</summary>
    public string? NotReadyBecause => notReady;

    public void Ready() => notReady = null;

    public void NotReady(string why) => notReady = why;

    /// <summary>
    /// Whether <paramref name="e"/> says the database cannot be reached right now (refused or lost connection, a server
    /// shutting down or starting, too many connections, a timeout), as opposed to a fault of the request itself.
    /// </summary>
    public static bool IsUnavailable(Exception e) => e.AndInner().Any(x => x switch
    {
        DatabaseUnavailableException => true,
        PostgresException p => p.SqlState.StartsWith("08", StringComparison.Ordinal)
            || p.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
                or PostgresErrorCodes.TooManyConnections
                // The write turn was not free within lock_timeout (PostgresCommunityDb): busy, try again.
                or PostgresErrorCodes.LockNotAvailable,
        // Only a socket or stream fault under Npgsql's own exception is the database's: an SMTP relay that is down
        // (account mail is sent inside the request) is not.
        NpgsqlException n => n.InnerException is SocketException or IOException or TimeoutException || n.IsTransient,
        _ => false,
    });
}

/// <summary>The instance is not ready: its database could not be reached or is not migrated yet.</summary>
public sealed class DatabaseUnavailableException(string why) : Exception(why);

/// <summary>Retries the start-up step in the background while the database was unreachable when the instance started.</summary>
public sealed class DatabaseStartupRetry(IServiceProvider services, DatabaseAvailability availability, TimeProvider clock, ILogger<DatabaseStartupRetry> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!availability.IsReady && !stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(Interval, clock, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
            if (stoppingToken.IsCancellationRequested) return;
            if (await Data.DatabaseSetup.TryStartAsync(services, stoppingToken))
                log.LogInformation("The database is reachable again; this instance is ready.");
        }
    }
}
