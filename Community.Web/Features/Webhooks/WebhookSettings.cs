using System.Net;
using System.Net.Sockets;
using Community.Domain.Crm;
using Community.Domain.Outbox;

namespace Community.Web.Features.Webhooks;

/// <summary>The "Webhooks" section: how the dispatcher delivers.</summary>
public sealed record WebhookOptions
{
    /// <summary>Run the background dispatcher in this instance (any number of instances may run one).</summary>
    public bool DispatcherEnabled { get; init; } = true;
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);
    public int BatchSize { get; init; } = 50;
    public int MaxParallel { get; init; } = 8;
    /// <summary>A receiver that has not answered within this time has failed the attempt.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>How long a claimed delivery belongs to one dispatcher; must outlast <see cref="Timeout"/>.</summary>
    public TimeSpan? LeaseDuration { get; init; }
    /// <summary>Delays between attempts; by default about three days in all.</summary>
    public List<TimeSpan> RetryDelays { get; init; } = [];
    /// <summary>How long the old secret keeps signing after a rotation.</summary>
    public TimeSpan SecretRotationOverlap { get; init; } = TimeSpan.FromHours(24);
    /// <summary>Allow plain http receivers; off, so signatures and customer numbers travel encrypted.</summary>
    public bool AllowHttp { get; init; }
    /// <summary>Networks (CIDR, e.g. "10.20.0.0/16") webhooks may reach although they are internal: a CRM on a private network.</summary>
    public List<string> AllowedNetworks { get; init; } = [];

    public EndpointAddressPolicy AddressPolicy => _policy ??= new EndpointAddressPolicy(AllowHttp, AllowedNetworks.Select(ParseNetwork).ToList());
    private EndpointAddressPolicy? _policy;

    private static IPNetwork ParseNetwork(string cidr) =>
        IPNetwork.TryParse(cidr.Trim(), out var network)
            ? network
            : throw new InvalidOperationException($"Webhooks:AllowedNetworks has \"{cidr}\", which is not a network in CIDR form such as 10.20.0.0/16.");

    /// <summary>Outcomes are recorded as they arrive; the lease only has to cover the longest single attempt plus the recording.</summary>
    public TimeSpan EffectiveLease => LeaseDuration is { } l && l > Timeout * 2 ? l : Timeout * 3 + TimeSpan.FromSeconds(30);
}

/// <summary>The "Crm" section: what a customer number looks like and what a person consents to when linking it.</summary>
public sealed record CrmOptions
{
    public string CustomerNumberPattern { get; init; } = @"^\d{8,10}$";
    public string CustomerNumberExample { get; init; } = "12345678";
    public string ConsentVersion { get; init; } = "2026-11";
    public string ConsentText { get; init; } =
        "I want the points I earn in the community credited to my customer account. The community sends my customer number, " +
        "my community name and my points to the customer service system. I can unlink at any time; after that no further points are sent.";
}

public static class WebhookSettings
{
    public const string HttpClientName = "webhooks";

    public static void AddWebhooks(this IServiceCollection services, IConfiguration config)
    {
        var options = config.GetSection("Webhooks").Get<WebhookOptions>() ?? new WebhookOptions();
        _ = options.AddressPolicy; // a mistyped network stops the start
        var crm = config.GetSection("Crm").Get<CrmOptions>() ?? new CrmOptions();
        services.AddSingleton(options);
        services.AddSingleton(crm);
        services.AddSingleton(new CustomerNumberFormat(crm.CustomerNumberPattern, crm.CustomerNumberExample));
        services.AddSingleton(new RetrySchedule(options.RetryDelays));
        services.AddScoped<Outbox>();
        services.AddScoped<CrmEvents>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        services.AddHttpClient(HttpClientName, c =>
            {
                c.Timeout = System.Threading.Timeout.InfiniteTimeSpan; // each attempt has its own timeout
                c.DefaultRequestHeaders.UserAgent.ParseAdd("Community-Webhooks/1.0");
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // A redirect could lead anywhere, including addresses the policy refuses: it counts as a failure.
                AllowAutoRedirect = false,
                UseCookies = false,
                // A proxy would resolve and connect on our behalf, past the address check below.
                UseProxy = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectCallback = (context, ct) => GuardedConnect.ConnectAsync(context, options.AddressPolicy, ct),
            });
    }
}

/// <summary>Resolves the receiver's name and refuses forbidden addresses at connect time, so DNS cannot point a name there later.</summary>
public static class GuardedConnect
{
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, EndpointAddressPolicy policy, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, ct);
        var allowed = addresses.Where(policy.IsAllowed).ToArray();
        if (allowed.Length == 0)
            throw new HttpRequestException($"Refused to connect to {host}: it resolves to a loopback, private, link-local or cloud-metadata address.");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
