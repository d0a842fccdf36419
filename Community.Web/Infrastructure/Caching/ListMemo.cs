using Microsoft.Extensions.Caching.Memory;

namespace Community.Web.Infrastructure.Caching;

/// <summary>
/// Results of list queries that everyone sees alike (the leaderboards), kept in memory until the next committed
/// write on this instance or for a minute at most. Anonymous visitors get whole cached pages; this is what a
/// signed-in person's page reads, so it does not add up the month's aggregates on every request.
/// </summary>
public sealed class ListMemo(IMemoryCache cache)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private long generation;

    /// <summary>Called after every committed command (<see cref="PageCache.EvictAsync"/>): what was remembered may have changed.</summary>
    public void Forget() => Interlocked.Increment(ref generation);

    public async Task<T> GetOrAddAsync<T>(string key, Func<Task<T>> read)
    {
        var k = (key, Interlocked.Read(ref generation));
        if (cache.TryGetValue(k, out T? known) && known is not null) return known;
        var value = await read();
        cache.Set(k, value, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime, Size = 1 });
        return value;
    }
}
