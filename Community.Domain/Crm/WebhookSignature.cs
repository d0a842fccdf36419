using System.Security.Cryptography;
using System.Text;

namespace Community.Domain.Crm;

/// <summary>
/// Signing per the Standard Webhooks specification: "v1," + base64(HMAC-SHA256(secret, "{id}.{timestamp}.{body}")),
/// with secrets written "whsec_" + base64. Several signatures are separated by spaces (secret rotation).
/// </summary>
public static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";

    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static byte[] SecretBytes(string secret)
    {
        var raw = secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret;
        return Convert.FromBase64String(raw);
    }

    public static string Sign(string secret, string id, long timestamp, string body)
    {
        using var hmac = new HMACSHA256(SecretBytes(secret));
        var mac = hmac.ComputeHash(Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}"));
        return "v1," + Convert.ToBase64String(mac);
    }

    public static string Header(IEnumerable<string> secrets, string id, long timestamp, string body) =>
        string.Join(' ', secrets.Select(s => Sign(s, id, timestamp, body)));
}
