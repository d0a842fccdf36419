using System.Net;
using System.Net.Sockets;
using Community.Domain.Crm;

namespace Community.Web.Features.Webhooks;

/// <summary>
/// A name that resolves only to forbidden addresses is refused when an admin saves it. Runs as the commands' async
/// validation, outside their transaction, so a slow DNS answer never holds the database's write lock; the connect-time
/// check covers later changes.
/// </summary>
public static class EndpointHostCheck
{
    public static async Task<string?> CheckAsync(string? url, WebhookOptions options, CancellationToken ct)
    {
        var policy = options.AddressPolicy;
        if (policy.CheckUrl(url) is { } error) return error;
        var host = new Uri(url!.Trim()).DnsSafeHost;
        if (IPAddress.TryParse(host, out _)) return null;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            var addresses = await Dns.GetHostAddressesAsync(host, timeout.Token);
            return addresses.Length > 0 && !addresses.Any(policy.IsAllowed)
                ? $"{host} resolves to an internal address. " + EndpointAddressPolicy.RefusedAddressMessage
                : null;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return null; // not resolvable yet (a receiver set up later): deliveries retry until it is, and connect refuses internal addresses
        }
    }
}
