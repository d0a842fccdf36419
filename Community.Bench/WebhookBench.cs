using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Community.Web.Data;
using Community.Web.Features.Webhooks;
using Microsoft.Data.Sqlite;

/// <summary>
/// Webhook deliveries per second from the outbox to a receiver on 127.0.0.1 (Kestrel answering 204), with one
/// and with two dispatchers sharing the database, and how fast the outbox takes events (one transaction each).
/// Usage: dotnet run -c Release --project Community.Bench -- webhooks [--events 5000]
/// </summary>
public static class WebhookBench
{
    public static async Task RunAsync(string[] args)
    {
        var events = args.SkipWhile(a => a != "--events").Skip(1).Select(int.Parse).FirstOrDefault(5000);
        var dir = Path.Combine(Path.GetTempPath(), "community-bench-hooks-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);

        var received = 0;
        var receiverBuilder = WebApplication.CreateSlimBuilder();
        receiverBuilder.Logging.ClearProviders();
        receiverBuilder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        await using var receiver = receiverBuilder.Build();
        receiver.MapPost("/hooks", () => { Interlocked.Increment(ref received); return Results.NoContent(); });
        await receiver.StartAsync();

        await using var app = await BenchHost.StartAsync(Path.Combine(dir, "bench.db"), ("Webhooks:DispatcherEnabled", "false"));

        int endpointId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var mediator = scope.ServiceProvider.GetRequiredService<Mediator.IMediator>();
            (endpointId, _) = await mediator.Send(new AddEndpoint.Command(receiver.Urls.First() + "/hooks", "bench", ""));
        }

        Console.WriteLine($"Webhook delivery to a local receiver, {events:N0} events per run (Standard Webhooks signing, SQLite outbox)");
        var enqueueRate = await EnqueueAsync(app, endpointId, events);
        Console.WriteLine($"outbox writes: {enqueueRate,8:N0} events/s (one transaction each)");
        Console.WriteLine("dispatchers | batch | parallel sends each | deliveries/s");
        foreach (var (dispatchers, parallel) in new[] { (1, 8), (2, 8), (1, 16) })
        {
            if (received > 0) await EnqueueAsync(app, endpointId, events);
            received = 0;
            var options = app.Services.GetRequiredService<WebhookOptions>() with { MaxParallel = parallel, BatchSize = 50 };
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, dispatchers).Select(_ => Task.Run(async () =>
            {
                var dispatcher = ActivatorUtilities.CreateInstance<WebhookDispatcher>(app.Services, options);
                while (await dispatcher.RunOnceAsync(CancellationToken.None) > 0) { }
            })));
            watch.Stop();
            if (received != events) throw new InvalidOperationException($"Expected {events} deliveries, the receiver got {received}.");
            Console.WriteLine($"{dispatchers,11} | {50,5} | {parallel,19} | {events / watch.Elapsed.TotalSeconds,12:N0}");
        }

        await app.DisposeAsync();
        await MeasureDelayAsync(Path.Combine(dir, "delay.db"));
        SqliteConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);
    }

    /// <summary>
    /// From the commit that writes an event to its arrival at a listening receiver, with the dispatcher running as in
    /// production (default poll interval 1 s; the commit rings the doorbell). One event at a time, 40 people taking turns.
    /// </summary>
    private static async Task MeasureDelayAsync(string dbPath)
    {
        var arrived = new ConcurrentDictionary<string, long>();
        var receiverBuilder = WebApplication.CreateSlimBuilder();
        receiverBuilder.Logging.ClearProviders();
        receiverBuilder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        await using var receiver = receiverBuilder.Build();
        receiver.MapPost("/hooks", (HttpRequest request) =>
        {
            arrived.TryAdd(request.Headers["webhook-id"].ToString(), Stopwatch.GetTimestamp());
            return Results.NoContent();
        });
        await receiver.StartAsync();

        await using var app = await BenchHost.StartAsync(dbPath, ("urls", "http://127.0.0.1:0"));
        await app.StartAsync();
        int endpointId;
        await using (var scope = app.Services.CreateAsyncScope())
            (endpointId, _) = await scope.ServiceProvider.GetRequiredService<Mediator.IMediator>().Send(new AddEndpoint.Command(receiver.Urls.First() + "/hooks", "bench", ""));

        const int events = 300;
        var delays = new List<double>();
        for (var i = 0; i < events; i++)
        {
            string eventId;
            long committed;
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<CommunityDb>();
                await using var tx = await db.Database.BeginTransactionAsync();
                var evt = await scope.ServiceProvider.GetRequiredService<Outbox>()
                    .EnqueueAsync("reputation.credited", new { n = i }, CancellationToken.None, endpointId, CrmEvents.OrderingKey($"person{i % 40}"));
                await tx.CommitAsync();
                committed = Stopwatch.GetTimestamp();
                eventId = evt.EventId;
            }
            var until = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 10;
            while (!arrived.ContainsKey(eventId))
            {
                if (Stopwatch.GetTimestamp() > until) throw new InvalidOperationException($"Event {eventId} did not arrive within 10 s.");
                await Task.Delay(1);
            }
            delays.Add(Stopwatch.GetElapsedTime(committed, arrived[eventId]).TotalMilliseconds);
        }
        delays.Sort();
        double At(double q) => delays[(int)Math.Min(delays.Count - 1, Math.Round(q * (delays.Count - 1)))];
        Console.WriteLine($"commit → receiver, {events} events one at a time, dispatcher polling every 1 s: median {At(0.5):F1} ms, p95 {At(0.95):F1} ms, max {delays[^1]:F1} ms");
        await app.StopAsync();
    }

    private static async Task<double> EnqueueAsync(WebApplication app, int endpointId, int events)
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < events; i++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CommunityDb>();
            await using var tx = await db.Database.BeginTransactionAsync();
            await scope.ServiceProvider.GetRequiredService<Outbox>().EnqueueAsync("webhook.test", new { n = i }, CancellationToken.None, endpointId);
            await tx.CommitAsync();
        }
        return events / watch.Elapsed.TotalSeconds;
    }
}
