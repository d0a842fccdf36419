using Community.Web.Data;

namespace Community.Web.Infrastructure;

/// <summary>
/// Runs a job every <see cref="Interval"/> in its own scope and database transaction; a failure is logged and the
/// job simply runs again next time. On several instances sharing a database, one of them runs each round: the
/// round starts by taking the job's lease (<see cref="JobLeaseRules"/>) for most of an interval.
/// </summary>
public abstract class PeriodicJob(IServiceScopeFactory scopes, ILogger log) : BackgroundService
{
    protected abstract TimeSpan Interval { get; }

    protected abstract bool IsEnabled { get; }

    protected abstract Task RunAsync(IServiceProvider services, CancellationToken ct);

    /// <summary>Whether a round writes one at a time with the commands (see <see cref="CommunityDb.BeginCommandTransactionAsync"/>).</summary>
    protected virtual bool TakesWriteTurn => true;

    /// <summary>Whether a run may change what cached pages show (then list pages are evicted after it).</summary>
    protected virtual bool ChangesPages => true;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!IsEnabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<CommunityDb>();
                // A round that writes under the same rules as commands (hero points, expert offers) takes the same write turn.
                await using var tx = TakesWriteTurn ? await db.BeginCommandTransactionAsync(stoppingToken) : await db.Database.BeginTransactionAsync(stoppingToken);
                var owner = scope.ServiceProvider.GetRequiredService<Observability.InstanceName>().Value;
                var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
                // A little less than an interval, so the instance that ran last round is not always the one to wait.
                if (!await JobLeaseRules.TryTakeAsync(db, GetType().Name, owner, now, Interval * 0.9, stoppingToken))
                {
                    await tx.RollbackAsync(stoppingToken);
                    await Task.Delay(Interval, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
                    continue;
                }
                await RunAsync(scope.ServiceProvider, stoppingToken);
                await tx.CommitAsync(stoppingToken);
                // A job (hero of the month, offers to experts) changes what list pages show.
                if (ChangesPages) await scope.ServiceProvider.GetRequiredService<Caching.PageCache>().EvictAsync(stoppingToken);
                scope.ServiceProvider.GetService<Observability.CommunityMetrics>()?.JobRan(GetType().Name, ok: true);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                using (var failed = scopes.CreateScope()) failed.ServiceProvider.GetService<Observability.CommunityMetrics>()?.JobRan(GetType().Name, ok: false);
                log.LogError(e, "{Job} failed; it runs again in {Interval}.", GetType().Name, Interval);
            }
            await Task.Delay(Interval, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
        }
    }
}
