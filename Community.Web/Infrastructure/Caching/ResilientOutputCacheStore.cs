using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.OutputCaching;

namespace Community.Web.Infrastructure.Caching;

/// <summary>
/// The shared page cache (Redis) as an optional speed-up: while Redis cannot be reached, every read is a miss and
/// every write or eviction is skipped, so pages are rendered fresh instead of failing; a warning is logged once
/// per outage (and again when it is over). After a failure reads and writes leave Redis alone for <see cref="Pause"/>,
/// so requests do not each wait for a connection timeout; an eviction that failed or was skipped empties the whole
/// shared cache when Redis answers again.
/// </summary>
public sealed class ResilientOutputCacheStore(IOutputCacheStore inner, ILogger<ResilientOutputCacheStore> log) : IOutputCacheStore, IOutputCacheBufferStore
{
    public static readonly TimeSpan Pause = TimeSpan.FromSeconds(10);

    private int failing;
    private long pausedUntil;
    private int evictionMissed;

    private bool Paused => Environment.TickCount64 < Interlocked.Read(ref pausedUntil);

    public static void Decorate(IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IOutputCacheStore))
            ?? throw new InvalidOperationException("No output cache store is registered.");
        services.Remove(registered);
        services.AddSingleton<IOutputCacheStore>(sp =>
        {
            var store = registered.ImplementationInstance as IOutputCacheStore
                ?? registered.ImplementationFactory?.Invoke(sp) as IOutputCacheStore
                ?? (IOutputCacheStore)ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!);
            return new ResilientOutputCacheStore(store, sp.GetRequiredService<ILogger<ResilientOutputCacheStore>>());
        });
    }

    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) =>
        CallAsync(() => inner.GetAsync(key, cancellationToken), (byte[]?)null, isRead: true, cancellationToken);

    public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken) =>
        await CallAsync(async () => { await inner.SetAsync(key, value, tags, validFor, cancellationToken); return true; }, false, isRead: false, cancellationToken);

    /// <summary>An eviction that is skipped (paused) or fails is remembered: the whole shared cache is emptied when Redis answers again.</summary>
    public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        var evicted = await CallAsync(async () => { await inner.EvictByTagAsync(tag, cancellationToken); return true; }, false, isRead: false, cancellationToken);
        if (!evicted) Interlocked.Exchange(ref evictionMissed, 1);
    }

    public async ValueTask<bool> TryGetAsync(string key, PipeWriter destination, CancellationToken cancellationToken)
    {
        if (inner is IOutputCacheBufferStore buffered)
            return await CallAsync(() => buffered.TryGetAsync(key, destination, cancellationToken), false, isRead: true, cancellationToken);
        var value = await GetAsync(key, cancellationToken);
        if (value is null) return false;
        await destination.WriteAsync(value, cancellationToken);
        return true;
    }

    public async ValueTask SetAsync(string key, ReadOnlySequence<byte> value, ReadOnlyMemory<string> tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        if (inner is IOutputCacheBufferStore buffered)
            await CallAsync(async () => { await buffered.SetAsync(key, value, tags, validFor, cancellationToken); return true; }, false, isRead: false, cancellationToken);
        else
            await SetAsync(key, value.ToArray(), tags.ToArray(), validFor, cancellationToken);
    }

    /// <summary>
    /// One call to Redis: skipped while paused, <paramref name="fallback"/> when Redis cannot be reached. A read that
    /// reaches Redis after missed evictions empties the cache first and is a miss.
    /// </summary>
    private async ValueTask<T> CallAsync<T>(Func<ValueTask<T>> call, T fallback, bool isRead, CancellationToken ct)
    {
        if (Paused) return fallback;
        try
        {
            if (isRead && await CatchUpOnEvictionsAsync(ct)) return fallback;
            var result = await call();
            Recovered();
            return result;
        }
        catch (Exception e) when (IsOutage(e))
        {
            return fallback;
        }
    }

    /// <summary>After evictions were missed, the first read that reaches Redis again empties the whole page cache (a miss for it).</summary>
    private async ValueTask<bool> CatchUpOnEvictionsAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref evictionMissed) == 0) return false;
        await inner.EvictByTagAsync(AnonymousPagePolicy.AllTag, ct);
        Interlocked.Exchange(ref evictionMissed, 0);
        log.LogWarning("Evictions missed while Redis was unreachable: the shared page cache was emptied.");
        return true;
    }

    private bool IsOutage(Exception e)
    {
        if (e is OperationCanceledException) return false;
        Interlocked.Exchange(ref pausedUntil, Environment.TickCount64 + (long)Pause.TotalMilliseconds);
        if (Interlocked.Exchange(ref failing, 1) == 0)
            log.LogWarning("The shared page cache (Redis) cannot be reached: {Error}. Pages are rendered without it until it is back; " +
                "pages cached before may be served stale until they expire.", e.Message);
        return true;
    }

    private void Recovered()
    {
        if (Volatile.Read(ref failing) == 1 && Interlocked.Exchange(ref failing, 0) == 1)
            log.LogWarning("The shared page cache (Redis) is reachable again.");
    }
}
