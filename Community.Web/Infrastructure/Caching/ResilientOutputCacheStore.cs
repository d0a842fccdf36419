using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.OutputCaching;

namespace Community.Web.Infrastructure.Caching;

/// <summary>
/// The shared page cache (Redis) as an optional speed-up: while Redis cannot be reached, every read is a miss and
/// every write or eviction is skipped, so pages are rendered fresh instead of failing; a warning is logged once
/// per outage (and again when it is over). After a failure Redis is left alone for <see cref="Pause"/>, so requests
/// do not each wait for a connection timeout.
/// </summary>
public sealed class ResilientOutputCacheStore(IOutputCacheStore inner, ILogger<ResilientOutputCacheStore> log) : IOutputCacheStore, IOutputCacheBufferStore
{
    public static readonly TimeSpan Pause = TimeSpan.FromSeconds(10);

    private int failing;
    private long pausedUntil;

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

    public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        if (Paused) return;
        try
        {
            await inner.EvictByTagAsync(tag, cancellationToken);
            Recovered();
        }
        catch (Exception e) when (IsOutage(e))
        {
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
