using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Community.Web.Infrastructure.Observability;

/// <summary>Which instance this is (Community:InstanceName, else machine and process): on every log line and every exported metric.</summary>
public sealed record InstanceName(string Value);

public static class ObservabilitySetup
{
    /// <summary>
    /// The forum's metrics (<see cref="CommunityMetrics"/>), the instance name on every console log line, and, when
    /// OpenTelemetry:Endpoint is set, OpenTelemetry with ASP.NET Core, HttpClient and runtime instrumentation
    /// exporting metrics, traces and logs over OTLP (OpenTelemetry:Protocol grpc, the default, or http).
    /// </summary>
    public static void AddCommunityObservability(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var instance = config["Community:InstanceName"] is { Length: > 0 } named ? named : $"{Environment.MachineName}:{Environment.ProcessId}";
        builder.Services.AddSingleton(new InstanceName(instance));
        builder.Services.AddSingleton<CommunityMetrics>();
        builder.Services.AddSingleton<OutboxGauges>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OutboxGauges>());

        builder.Logging.AddConsole(o => o.FormatterName = InstanceLogFormatter.Name)
            .AddConsoleFormatter<InstanceLogFormatter, InstanceLogFormatterOptions>(o => o.Instance = instance);

        if (config["OpenTelemetry:Endpoint"] is not { Length: > 0 } endpoint) return;
        var protocol = string.Equals(config["OpenTelemetry:Protocol"], "http", StringComparison.OrdinalIgnoreCase) ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("community", serviceInstanceId: instance))
            .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation().AddMeter(CommunityMetrics.MeterName))
            .WithTracing(t => t.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation())
            .WithLogging()
            .UseOtlpExporter(protocol, new Uri(endpoint));
    }
}

public sealed class InstanceLogFormatterOptions : ConsoleFormatterOptions
{
    public string Instance { get; set; } = "";
}

/// <summary>The console's log lines, each starting with the instance's name, so the logs of several instances can be told apart.</summary>
public sealed class InstanceLogFormatter(IOptionsMonitor<InstanceLogFormatterOptions> options) : ConsoleFormatter(Name)
{
    public new const string Name = "community";

    public override void Write<TState>(in Microsoft.Extensions.Logging.Abstractions.LogEntry<TState> entry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = entry.Formatter(entry.State, entry.Exception);
        if (message is null && entry.Exception is null) return;
        textWriter.Write('[');
        textWriter.Write(options.CurrentValue.Instance);
        textWriter.Write("] ");
        textWriter.Write(entry.LogLevel switch
        {
            LogLevel.Trace => "trce", LogLevel.Debug => "dbug", LogLevel.Information => "info", LogLevel.Warning => "warn",
            LogLevel.Error => "fail", LogLevel.Critical => "crit", _ => "none",
        });
        textWriter.Write(": ");
        textWriter.Write(entry.Category);
        textWriter.Write('[');
        textWriter.Write(entry.EventId.Id);
        textWriter.WriteLine(']');
        textWriter.Write("      ");
        textWriter.WriteLine(message);
        if (entry.Exception is not null) textWriter.WriteLine(entry.Exception.ToString());
    }
}
