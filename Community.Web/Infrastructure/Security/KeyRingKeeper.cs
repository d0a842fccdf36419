namespace Community.Web.Infrastructure.Security;

/// <summary>
/// Uses the Data Protection key ring every few hours, so the key manager makes the next key (two days before the current
/// one expires) here, outside any command's transaction, rather than in the middle of a request that writes.
/// </summary>
public sealed class KeyRingKeeper(SecretProtector secrets, TimeProvider clock, ILogger<KeyRingKeeper> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(6);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, clock, stoppingToken);
                secrets.Protect("key ring keeper");
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogWarning(e, "Refreshing the Data Protection key ring failed; trying again in {Interval}.", Interval);
            }
        }
    }
}
