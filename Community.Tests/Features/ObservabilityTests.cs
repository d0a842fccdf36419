using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Community.Domain.Crm;
using Community.Tests.Support;
using Community.Web.Infrastructure.Observability;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Community.Tests.Features;

/// <summary>The forum's own metrics, read as an exporter would (a MeterListener on this app's meters only), and the instance name on log lines.</summary>
public sealed class ObservabilityTests(CommunityApp app) : IClassFixture<CommunityApp>
{
    /// <summary>Collects this app's "Community" measurements: other apps in the test run have meters of their own factory.</summary>
    private sealed class Readings : IDisposable
    {
        private readonly MeterListener listener = new();
        public List<(string Name, double Value, Dictionary<string, object?> Tags)> Values { get; } = [];

        public Readings(IMeterFactory factory)
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == CommunityMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory)) l.EnableMeasurementEvents(instrument);
            };
            listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Add(i.Name, v, tags));
            listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Add(i.Name, v, tags));
            listener.Start();
        }

        private void Add(string name, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            lock (Values) Values.Add((name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
        }

        public void Observe() => listener.RecordObservableInstruments();

        public double Sum(string name, string tag, object value)
        {
            lock (Values) return Values.Where(v => v.Name == name && Equals(v.Tags.GetValueOrDefault(tag), value)).Sum(v => v.Value);
        }

        public void Dispose() => listener.Dispose();
    }

    [Fact]
    public async Task Page_cache_hits_and_misses_are_counted()
    {
        using var readings = new Readings(app.Services.GetRequiredService<IMeterFactory>());
        var url = $"/?metrics={Guid.NewGuid():N}";
        await app.Browser().GetAsync(url);
        await app.Browser().GetAsync(url);
        await app.Browser().GetAsync(url);
        Assert.True(readings.Sum("community.page_cache.requests", "result", "miss") >= 1);
        Assert.True(readings.Sum("community.page_cache.requests", "result", "hit") >= 2);
    }

    [Fact]
    public async Task The_outbox_gauges_show_what_waits_per_endpoint_and_how_old_it_is()
    {
        var endpointId = await app.WithDbAsync(async db =>
        {
            var endpoint = new WebhookEndpoint { Url = "http://127.0.0.1:9/down", Secret = "whsec_gauges", IsPaused = true, CreatedAt = DateTimeOffset.UtcNow };
            db.WebhookEndpoints.Add(endpoint);
            var e = new OutboxEvent { EventId = OutboxEvent.NewEventId(), Type = "points.credited", Payload = "{}", CreatedAt = DateTimeOffset.UtcNow };
            db.OutboxEvents.Add(e);
            await db.SaveChangesAsync();
            db.WebhookDeliveries.Add(new WebhookDelivery(e.Id, endpoint.Id, DateTimeOffset.UtcNow.AddMinutes(-5)));
            db.WebhookDeliveries.Add(new WebhookDelivery(e.Id, endpoint.Id, DateTimeOffset.UtcNow.AddMinutes(-1)));
            await db.SaveChangesAsync();
            return endpoint.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        });

        await app.Services.GetRequiredService<OutboxGauges>().RefreshAsync(default);
        using var readings = new Readings(app.Services.GetRequiredService<IMeterFactory>());
        readings.Observe();

        Assert.Equal(2, readings.Sum("community.outbox.pending", "endpoint", endpointId));
        Assert.Equal(0, readings.Sum("community.outbox.dead_lettered", "endpoint", endpointId));
        Assert.InRange(readings.Sum("community.outbox.oldest_pending_age", "endpoint", endpointId), 290, 3600);
        Assert.Contains(readings.Values, v => v.Name == "community.outbox.pending" && Equals(v.Tags["channel"], "mail"));
    }

    [Fact]
    public void Every_console_log_line_names_the_instance()
    {
        var formatter = new InstanceLogFormatter(new StaticOptions(new InstanceLogFormatterOptions { Instance = "web-2" }));
        var writer = new StringWriter();
        formatter.Write(new LogEntry<string>(LogLevel.Warning, "Community.Outbox", new EventId(7), "receiver down", null, (s, _) => s), null, writer);
        Assert.StartsWith("[web-2] warn: Community.Outbox[7]", writer.ToString());
        Assert.Contains("receiver down", writer.ToString());
        Assert.NotNull(app.Services.GetRequiredService<InstanceName>().Value);
    }

    private sealed class StaticOptions(InstanceLogFormatterOptions value) : IOptionsMonitor<InstanceLogFormatterOptions>
    {
        public InstanceLogFormatterOptions CurrentValue => value;
        public InstanceLogFormatterOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<InstanceLogFormatterOptions, string?> listener) => null;
    }
}

/// <summary>The app with OpenTelemetry pointed at a real OTLP/HTTP receiver on 127.0.0.1.</summary>
public sealed class OtlpCommunityApp : CommunityApp
{
    public ConcurrentQueue<(string Path, byte[] Body)> Received { get; } = new();
    private readonly WebApplication receiver;

    public OtlpCommunityApp()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        receiver = builder.Build();
        receiver.MapPost("/v1/{signal}", async (HttpContext http) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            Received.Enqueue((http.Request.Path, body.ToArray()));
            return Results.Ok();
        });
        receiver.StartAsync().GetAwaiter().GetResult();
    }

    public string Endpoint => receiver.Urls.First();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("OpenTelemetry:Endpoint", Endpoint);
        builder.UseSetting("OpenTelemetry:Protocol", "http");
        builder.UseSetting("Community:InstanceName", "web-test-7");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await receiver.DisposeAsync();
    }
}

public sealed class OtlpExportTests(OtlpCommunityApp app) : IClassFixture<OtlpCommunityApp>
{
    [Fact]
    public async Task Metrics_and_traces_reach_an_otlp_receiver_with_the_instance_name()
    {
        await app.Browser().GetAsync($"/?otlp={Guid.NewGuid():N}");
        await app.Browser().GetAsync("/hubs");

        // Flushing exports now and waits for the receiver's answer: no waiting on the export interval.
        Assert.True(app.Services.GetRequiredService<MeterProvider>().ForceFlush());
        Assert.True(app.Services.GetRequiredService<TracerProvider>().ForceFlush());

        var metrics = app.Received.Where(r => r.Path == "/v1/metrics").Select(r => System.Text.Encoding.UTF8.GetString(r.Body)).ToList();
        Assert.Contains(metrics, m => m.Contains("community.page_cache.requests") && m.Contains("web-test-7"));
        Assert.Contains(metrics, m => m.Contains("http.server.request.duration"));
        Assert.Contains(app.Received, r => r.Path == "/v1/traces");
    }
}
