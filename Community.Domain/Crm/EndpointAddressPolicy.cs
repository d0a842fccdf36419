using System.Net;
using System.Net.Sockets;

namespace Community.Domain.Crm;

/// <summary>
/// Where webhooks may go (SSRF protection): https only unless the operator allows http, and never to loopback,
/// private (RFC 1918, ULA), link-local, CGNAT, multicast or cloud-metadata addresses, unless the operator lists the
/// network (a CRM on a private network). Checked when an admin saves a URL and again at connect time, so DNS cannot
/// point a name at an internal service later.
/// </summary>
public sealed class EndpointAddressPolicy(bool allowHttp = false, IReadOnlyList<IPNetwork>? allowedNetworks = null)
{
    private static readonly string[] MetadataHosts = ["metadata.google.internal", "metadata", "instance-data", "metadata.azure.internal"];

    private static readonly IPNetwork[] Internal =
    [
        IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("100.64.0.0/10"), IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.0.0.0/24"), IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("198.18.0.0/15"), IPNetwork.Parse("224.0.0.0/4"), IPNetwork.Parse("240.0.0.0/4"),
        IPNetwork.Parse("::/128"), IPNetwork.Parse("::1/128"), IPNetwork.Parse("fc00::/7"), IPNetwork.Parse("fe80::/10"),
        IPNetwork.Parse("fec0::/10"), IPNetwork.Parse("ff00::/8"), IPNetwork.Parse("64:ff9b:1::/48"), IPNetwork.Parse("::ffff:0:0:0/96"),
        IPNetwork.Parse("100::/64"), IPNetwork.Parse("2001:db8::/32"),
    ];

    private readonly IReadOnlyList<IPNetwork> _allowed = allowedNetworks ?? [];

    public bool AllowsHttp => allowHttp;

    /// <summary>The URL's form: absolute, http(s), no credentials, not a metadata name, not a refused address literal.</summary>
    public string? CheckUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return "Enter the receiver's URL.";
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            return "Enter an absolute https:// URL.";
        if (uri.Scheme == Uri.UriSchemeHttp && !allowHttp) return "Use an https:// URL: plain http is not allowed for webhooks.";
        if (!string.IsNullOrEmpty(uri.UserInfo)) return "Credentials in the URL are not allowed; use the signing secret.";
        if (MetadataHosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase)) return "Cloud metadata addresses are not allowed.";
        if (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && !IsAllowed(ip)) return RefusedAddressMessage;
        return null;
    }

    public const string RefusedAddressMessage =
        "Loopback, private, link-local and cloud metadata addresses are not allowed (an operator can allow a network with Webhooks:AllowedNetworks).";

    public bool IsAllowed(IPAddress ip)
    {
        ip = Canonical(ip);
        if (IsMetadata(ip)) return false;
        return _allowed.Any(n => n.Contains(ip)) || !Internal.Any(n => n.Contains(ip));
    }

    /// <summary>IPv4 carried in IPv6 (mapped, IPv4-compatible, NAT64, 6to4) is judged as the IPv4 address it is.</summary>
    private static IPAddress Canonical(IPAddress ip)
    {
        if (ip.IsIPv4MappedToIPv6) return ip.MapToIPv4();
        if (ip.AddressFamily != AddressFamily.InterNetworkV6) return ip;
        var v6 = ip.GetAddressBytes();
        if (v6[0] == 0 && v6[1] == 0x64 && v6[2] == 0xff && v6[3] == 0x9b && v6[4..12].All(x => x == 0)) return new IPAddress(v6[12..]);
        // ::a.b.c.d (deprecated IPv4-compatible form); :: and ::1 themselves stay IPv6.
        if (v6[..12].All(x => x == 0) && !(v6[12] == 0 && v6[13] == 0 && v6[14] == 0)) return new IPAddress(v6[12..]);
        if (v6[0] == 0x20 && v6[1] == 0x02) return new IPAddress(v6[2..6]); // 6to4: 2002:aabb:ccdd::/48
        return ip;
    }

    /// <summary>Cloud metadata services stay refused even inside an allowed network.</summary>
    private static bool IsMetadata(IPAddress ip) =>
        ip.Equals(IPAddress.Parse("169.254.169.254")) || ip.Equals(IPAddress.Parse("100.100.100.200"))
        || ip.Equals(IPAddress.Parse("fd00:ec2::254")) || ip.Equals(IPAddress.Parse("fd20:ce::254"));
}
