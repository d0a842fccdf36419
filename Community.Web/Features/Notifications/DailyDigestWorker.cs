using Community.Web.Infrastructure;

namespace Community.Web.Features.Notifications;

public sealed class DailyDigestWorker(IServiceScopeFactory scopes, NotificationMailOptions options, ILogger<DailyDigestWorker> log) : PeriodicJob(scopes, log)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(15);
    protected override bool IsEnabled => options.DispatcherEnabled;

    protected override async Task RunAsync(IServiceProvider services, CancellationToken ct) =>
        await services.GetRequiredService<DailyDigest>().RunAsync(ct);
}
