using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Community.Domain.Dashboard;
using Community.Domain.Reputation;
using Community.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Community.Web.Features.Dashboard;

/// <summary>
/// Counts a customer reading a solved thread: bots excluded, one view per visitor, thread and day. A visitor is a
/// salted hash of address and browser (no cookie, nothing stored); counts are buffered and written every few
/// seconds as one upsert per thread and day, so reading never waits for the database's write lock.
/// </summary>
public sealed class ViewCounter(IServiceScopeFactory scopes, CommunityCalendar calendar, TimeProvider clock, ILogger<ViewCounter> log) : BackgroundService
{
    private readonly MemoryCache _seen = new(new MemoryCacheOptions { SizeLimit = 2_000_000 });
    private readonly Lock _swap = new();
    private ConcurrentDictionary<(int ThreadId, int Day, int HubId), int> _pending = new();
    private readonly byte[] _salt = RandomNumberGenerator.GetBytes(16);

    /// <summary>Solved threads whose page was rendered, with their hub: a cached read of one of them counts too.</summary>
    private readonly ConcurrentDictionary<int, int> _solved = new();

    /// <summary>The page of a thread that is not (or no longer) solved was rendered: its cached reads do not count.</summary>
    public void NotSolved(int threadId) => _solved.TryRemove(threadId, out _);

    /// <summary>A read served from the page cache (Infrastructure/Caching/ThreadViewsFromCache.cs).</summary>
    public void CountCachedRead(int threadId, HttpContext http)
    {
        if (_solved.TryGetValue(threadId, out var hubId)) Count(threadId, hubId, http);
    }

    public void Count(int threadId, int hubId, HttpContext http)
    {
        _solved[threadId] = hubId;
        http.Items[Infrastructure.Caching.ThreadViewsFromCache.CountedItem] = true;
        if (BotDetector.IsBot(http.Request.Headers.UserAgent)) return;
        var now = clock.GetUtcNow();
        var day = calendar.DayKey(now);
        var visitor = $"{http.Connection.RemoteIpAddress}|{http.Request.Headers.UserAgent}|{http.User.Identity?.Name}";
        // 128 bits of a keyed hash: small in memory, and not reversible to an address.
        var key = new Guid(HMACSHA256.HashData(_salt, Encoding.UTF8.GetBytes($"{day}|{threadId}|{visitor}")).AsSpan(0, 16));
        var isNew = false;
        _seen.GetOrCreate(key, e =>
        {
            e.Size = 1;
            e.AbsoluteExpirationRelativeToNow = TimeSpan.FromHours(25);
            isNew = true;
            return true;
        });
        if (isNew) Add((threadId, day, hubId), 1);
    }

    private void Add((int ThreadId, int Day, int HubId) key, int views)
    {
        lock (_swap) _pending.AddOrUpdate(key, views, (_, n) => n + views);
    }

    /// <summary>Writes the buffered counts; called every few seconds and at shutdown.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        ConcurrentDictionary<(int, int, int), int> batch;
        lock (_swap) batch = Interlocked.Exchange(ref _pending, new ConcurrentDictionary<(int, int, int), int>());
        if (batch.IsEmpty) return;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CommunityDb>();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // In key order on every instance: two instances flushing the same threads take the row locks in the same
            // order and never deadlock (PostgreSQL).
            foreach (var ((threadId, day, hubId), views) in batch.OrderBy(b => b.Key.Item1).ThenBy(b => b.Key.Item2))
                await db.Database.ExecuteSqlInterpolatedAsync($"""
                    INSERT INTO "ThreadViewsDaily" ("ThreadId", "Day", "HubId", "Views") VALUES ({threadId}, {day}, {hubId}, {views})
                    ON CONFLICT ("ThreadId", "Day") DO UPDATE SET "Views" = "ThreadViewsDaily"."Views" + excluded."Views"
                    """, ct);
            await tx.CommitAsync(ct);
        }
        catch
        {
            // Nothing was written: the counts go back into the buffer for the next flush.
            foreach (var (key, views) in batch) Add(key, views);
            throw;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
            try
            {
                await FlushAsync(CancellationToken.None);
            }
            catch (Exception e)
            {
                log.LogWarning(e, "Writing thread view counts failed; they are kept for the next try.");
            }
        }
    }
}
