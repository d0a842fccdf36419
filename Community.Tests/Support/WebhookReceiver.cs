using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Community.Tests.Support;

/// <summary>
/// A real HTTP receiver on 127.0.0.1 (Kestrel) that checks signatures with its own implementation of the Standard
/// Webhooks scheme, answers as the test tells it to (OK, 500, hang), and can be stopped to refuse connections.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public enum Mode { Ok, Fail500, Hang }

    public sealed record Request(string Id, long Timestamp, string Body, string SignatureHeader, bool SignatureValid, int AnsweredWith)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;
        public string Type => Json.GetProperty("type").GetString()!;
        public JsonElement Data => Json.GetProperty("data");
    }

    private WebApplication? _app;
    private int _inFlight;
    private readonly ConcurrentDictionary<string, int> _inFlightById = new();

    public int Port { get; private set; }
    public string Url => $"http://127.0.0.1:{Port}/hooks";
    public Mode Respond { get; set; } = Mode.Ok;
    /// <summary>Secrets (whsec_…) a signature may be made with; set once the endpoint exists.</summary>
    public List<string> Secrets { get; } = [];
    public TimeSpan Delay { get; set; } = TimeSpan.Zero;
    /// <summary>Requests whose body this matches are answered 500 whatever <see cref="Respond"/> says: one customer's events failing.</summary>
    public Func<string, bool>? FailWhen { get; set; }
    /// <summary>While set and not completed, requests wait for it before they are answered; <see cref="Arrived"/> tells the test one is waiting.</summary>
    public TaskCompletionSource? Gate { get; set; }
    public TaskCompletionSource Arrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public ConcurrentQueue<Request> Requests { get; } = new();
    /// <summary>Set when two requests for the same webhook-id were being handled at the same time.</summary>
    public bool SawOverlappingDeliveries { get; private set; }
    public int MaxInFlight { get; private set; }

    public IEnumerable<Request> Accepted => Requests.Where(r => r.AnsweredWith == 200);

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        await receiver.StartOnAsync(0);
        return receiver;
    }

    /// <summary>Starts again on the same port after <see cref="StopAsync"/>.</summary>
    public Task RestartAsync() => StartOnAsync(Port);

    private async Task StartOnAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.MapPost("/hooks", (Delegate)HandleAsync);
        await app.StartAsync();
        Port = new Uri(app.Urls.First()).Port;
        _app = app;
    }

    public async Task StopAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    private async Task<IResult> HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var id = context.Request.Headers["webhook-id"].ToString();
        var timestamp = long.TryParse(context.Request.Headers["webhook-timestamp"], out var t) ? t : 0;
        var signature = context.Request.Headers["webhook-signature"].ToString();
        var valid = Verify(id, timestamp, body, signature);

        var now = Interlocked.Increment(ref _inFlight);
        if (now > MaxInFlight) MaxInFlight = now;
        if (_inFlightById.AddOrUpdate(id, 1, (_, n) => n + 1) > 1) SawOverlappingDeliveries = true;
        try
        {
            if (Delay > TimeSpan.Zero) await Task.Delay(Delay);
            if (Gate is { } gate)
            {
                Arrived.TrySetResult();
                await gate.Task.WaitAsync(context.RequestAborted);
            }
            switch (FailWhen?.Invoke(body) == true ? Mode.Fail500 : Respond)
            {
                case Mode.Hang:
                    Requests.Enqueue(new Request(id, timestamp, body, signature, valid, 0));
                    await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { });
                    return Results.StatusCode(504);
                case Mode.Fail500:
                    Requests.Enqueue(new Request(id, timestamp, body, signature, valid, 500));
                    return Results.Problem("receiver is having a bad day", statusCode: 500);
                default:
                    var code = valid ? 200 : 401;
                    Requests.Enqueue(new Request(id, timestamp, body, signature, valid, code));
                    return Results.StatusCode(code);
            }
        }
        finally
        {
            _inFlightById.AddOrUpdate(id, 0, (_, n) => n - 1);
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>Independent of the app's code: HMAC-SHA256 over "{id}.{timestamp}.{body}" with the base64 secret after "whsec_".</summary>
    public bool Verify(string id, long timestamp, string body, string header)
    {
        if (id.Length == 0 || timestamp == 0 || Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - timestamp) > 300) return false;
        var given = header.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(s => s.StartsWith("v1,", StringComparison.Ordinal)).Select(s => s[3..]).ToList();
        foreach (var secret in Secrets.ToList())
        {
            var key = Convert.FromBase64String(secret.Split('_', 2)[1]);
            var expected = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(id + "." + timestamp + "." + body)));
            if (given.Any(g => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(g), Encoding.ASCII.GetBytes(expected)))) return true;
        }
        return false;
    }

    public async Task WaitUntilAsync(Func<bool> condition, string what, int seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"Waited {seconds} s for {what}; the receiver saw {Requests.Count} requests.");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
