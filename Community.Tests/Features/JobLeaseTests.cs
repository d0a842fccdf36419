using Community.Tests.Support;
using Community.Web.Data;
using Community.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Tests.Features;

/// <summary>Two instances sharing a database: one of them runs each round of a background job.</summary>
public sealed class JobLeaseTests(CommunityApp app) : IClassFixture<CommunityApp>
{
    private Task<bool> TakeAsync(string job, string owner, DateTimeOffset now) => app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<CommunityDb>();
        await using var tx = await db.Database.BeginTransactionAsync();
        var taken = await JobLeaseRules.TryTakeAsync(db, job, owner, now, TimeSpan.FromMinutes(9), default);
        await tx.CommitAsync();
        return taken;
    });

    [Fact]
    public async Task The_instance_holding_the_lease_runs_the_job_until_it_expires_then_whoever_comes_first()
    {
        var job = "job-" + Guid.NewGuid().ToString("N");
        var t0 = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
        Assert.True(await TakeAsync(job, "web-1", t0));
        Assert.False(await TakeAsync(job, "web-2", t0.AddMinutes(1)));
        Assert.True(await TakeAsync(job, "web-1", t0.AddMinutes(2)));
        Assert.False(await TakeAsync(job, "web-2", t0.AddMinutes(10)));
        Assert.True(await TakeAsync(job, "web-2", t0.AddMinutes(12)));
        Assert.False(await TakeAsync(job, "web-1", t0.AddMinutes(13)));
        Assert.Equal("web-2", await app.WithDbAsync(db => db.JobLeases.Where(l => l.Name == job).Select(l => l.Owner).SingleAsync()));
    }

    [Fact]
    public async Task Two_instances_asking_at_the_same_moment_get_one_lease()
    {
        var now = DateTimeOffset.UtcNow;
        for (var round = 0; round < 5; round++)
        {
            var job = "race-" + Guid.NewGuid().ToString("N");
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var a = Task.Run(async () => { await start.Task; return await TakeAsync(job, "web-1", now); });
            var b = Task.Run(async () => { await start.Task; return await TakeAsync(job, "web-2", now); });
            start.SetResult();
            var results = await Task.WhenAll(a, b);
            Assert.Equal(1, results.Count(r => r));
        }
    }

    [Fact]
    public async Task A_round_that_fails_gives_the_lease_back()
    {
        var job = "fail-" + Guid.NewGuid().ToString("N");
        var now = DateTimeOffset.UtcNow;
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<CommunityDb>();
            await using var tx = await db.Database.BeginTransactionAsync();
            Assert.True(await JobLeaseRules.TryTakeAsync(db, job, "web-1", now, TimeSpan.FromMinutes(9), default));
            await tx.RollbackAsync();
            return 0;
        });
        Assert.True(await TakeAsync(job, "web-2", now));
    }
}
