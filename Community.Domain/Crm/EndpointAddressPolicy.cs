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
        if (ip.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = ip.GetAddressBytes();
            return b[0] == 169 && b[1] == 254; // link-local, incl. 169.254.169.254
        }
        if (ip.IsIPv6LinkLocal) return true;
        // AWS's IPv6 metadata endpoint.
        return ip.Equals(IPAddress.Parse("fd00:ec2::254"));
    }
}
