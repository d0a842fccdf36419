using System.Diagnostics;
using System.Net;
using Community.Web;
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

        SqliteConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);
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
