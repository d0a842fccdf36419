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

    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        if (Paused) return null;
        try
        {
            if (await CatchUpOnEvictionsAsync(cancellationToken)) return null;
            var value = await inner.GetAsync(key, cancellationToken);
            Recovered();
            return value;
        }
        catch (Exception e) when (IsOutage(e))
        {
            return null;
        }
    }

    public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        if (Paused) return;
        try
        {
            await inner.SetAsync(key, value, tags, validFor, cancellationToken);
            Recovered();
        }
        catch (Exception e) when (IsOutage(e))
        {
        }
    }

    /// <summary>While paused, an eviction is only remembered: the whole shared cache is emptied when Redis answers again.</summary>
    public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        if (Paused)
        {
            Interlocked.Exchange(ref evictionMissed, 1);
            return;
        }
        try
        {
            await inner.EvictByTagAsync(tag, cancellationToken);
            Recovered();
        }
        catch (Exception e) when (IsOutage(e))
        {
            // Pages cached before the outage may show what this write changed: all of them go once Redis is back.
            Interlocked.Exchange(ref evictionMissed, 1);
        }
    }

    public async ValueTask<bool> TryGetAsync(string key, PipeWriter destination, CancellationToken cancellationToken)
    {
        if (inner is not IOutputCacheBufferStore buffered)
        {
            var value = await GetAsync(key, cancellationToken);
            if (value is null) return false;
            await destination.WriteAsync(value, cancellationToken);
            return true;
        }
        if (Paused) return false;
        try
        {
            if (await CatchUpOnEvictionsAsync(cancellationToken)) return false;
            var found = await buffered.TryGetAsync(key, destination, cancellationToken);
            Recovered();
            return found;
        }
        catch (Exception e) when (IsOutage(e))
        {
            return false;
        }
    }

    public async ValueTask SetAsync(string key, ReadOnlySequence<byte> value, ReadOnlyMemory<string> tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        if (inner is not IOutputCacheBufferStore buffered)
        {
            await SetAsync(key, value.ToArray(), tags.ToArray(), validFor, cancellationToken);
            return;
        }
        if (Paused) return;
        try
        {
            await buffered.SetAsync(key, value, tags, validFor, cancellationToken);
            Recovered();
        }
        catch (Exception e) when (IsOutage(e))
        {
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
