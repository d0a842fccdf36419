using System.Net;
using System.Net.Sockets;

namespace Community.Domain.Crm;

/// <summary>
/// Where webhooks may go. Link-local addresses (169.254.0.0/16, fe80::/10) hold cloud metadata services that
/// hand out credentials, so they are refused unless an operator allows them; checked on every connection,
/// after DNS, so a name cannot be re-pointed there later.
/// </summary>
public static class EndpointAddressPolicy
{
    private static readonly string[] MetadataHosts = ["metadata.google.internal", "metadata", "instance-data"];

    public static string? CheckUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return "Enter the receiver's URL.";
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            return "Enter an absolute http:// or https:// URL.";
        if (!string.IsNullOrEmpty(uri.UserInfo)) return "Credentials in the URL are not allowed; use the signing secret.";
        if (MetadataHosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase)) return "Cloud metadata addresses are not allowed.";
        if (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IsForbidden(ip)) return "Link-local and cloud metadata addresses are not allowed.";
        return null;
    }

    public static bool IsForbidden(IPAddress ip)
    {
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        if (ip.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var v6 = ip.GetAddressBytes();
            // NAT64 (64:ff9b::/96) carries an IPv4 address in its last four bytes.
            if (v6[0] == 0 && v6[1] == 0x64 && v6[2] == 0xff && v6[3] == 0x9b && v6[4..12].All(x => x == 0))
                ip = new IPAddress(v6[12..]);
        }
        if (ip.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = ip.GetAddressBytes();
            if (b[0] == 169 && b[1] == 254) return true; // link-local, incl. 169.254.169.254
            return b is [100, 100, 100, 200]; // Alibaba Cloud's metadata service
        }
        if (ip.IsIPv6LinkLocal) return true;
        // AWS's and Google Cloud's IPv6 metadata endpoints.
        return ip.Equals(IPAddress.Parse("fd00:ec2::254")) || ip.Equals(IPAddress.Parse("fd20:ce::254"));
    }
}
