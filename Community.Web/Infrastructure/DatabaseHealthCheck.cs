using System.Text.Json;
using Community.Web.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Community.Web.Infrastructure;

/// <summary>Ready when the start-up step succeeded and the database answers now.</summary>
public sealed class DatabaseHealthCheck(CommunityDb db, DatabaseAvailability availability) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (availability.NotReadyBecause is { } why) return HealthCheckResult.Unhealthy(why);
        try
        {
            return await db.Database.CanConnectAsync(ct) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The database cannot be reached.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The reason is public (/healthz/ready): no host names or users from the exception; the log has them.
            return HealthCheckResult.Unhealthy("The database cannot be reached.", e);
        }
    }
}

/// <summary>Ready when the shared page cache answers a PING (only checked when ConnectionStrings:Redis is set).</summary>
public sealed class RedisHealthCheck(string configuration) : IHealthCheck, IDisposable
{
    private readonly Lazy<Task<ConnectionMultiplexer>> connection = new(() =>
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 2000;
        return ConnectionMultiplexer.ConnectAsync(options);
    });

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            var redis = await connection.Value;
            await redis.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // Not fatal: pages are served without the shared cache meanwhile (ResilientOutputCacheStore).
            return HealthCheckResult.Degraded("Redis cannot be reached.", e);
        }
    }

    public void Dispose()
    {
        if (connection.IsValueCreated && connection.Value.IsCompletedSuccessfully) connection.Value.Result.Dispose();
    }
}

/// <summary>/healthz/ready's body: the overall status and each check's reason (fixed sentences, no exception text), for the operator and the load balancer's log.</summary>
public static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), reason = e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
