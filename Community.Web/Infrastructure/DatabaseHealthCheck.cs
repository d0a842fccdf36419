using Community.Web.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Community.Web.Infrastructure;

public sealed class DatabaseHealthCheck(CommunityDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        await db.Database.CanConnectAsync(ct) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The database cannot be reached.");
}
