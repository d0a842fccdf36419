using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Community.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace Community.Web.Infrastructure.Security;

/// <summary>
/// Authenticator-app codes (RFC 6238: SHA-1, 30-second steps, six digits, as Identity's own provider) that work
/// once: the last accepted time step is kept per person, and a code of that step or an earlier one is refused
/// (ASVS 2.8.4), so a code seen over someone's shoulder cannot be replayed within its window.
/// </summary>
public sealed class SingleUseAuthenticatorTokenProvider(TimeProvider clock) : IUserTwoFactorTokenProvider<CommunityUser>
{
    private const string LoginProvider = "[AspNetUserStore]";
    private const string LastStepName = "AuthenticatorLastStep";
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    public Task<string> GenerateAsync(string purpose, UserManager<CommunityUser> manager, CommunityUser user) => Task.FromResult("");

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<CommunityUser> manager, CommunityUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<CommunityUser> manager, CommunityUser user)
    {
        if (token.Length != 6 || !token.All(char.IsAsciiDigit)) return false;
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrWhiteSpace(key)) return false;
        var secret = Base32.Decode(key);
        var now = clock.GetUtcNow().ToUnixTimeSeconds() / (long)Step.TotalSeconds;
        var last = long.TryParse(await manager.GetAuthenticationTokenAsync(user, LoginProvider, LastStepName), CultureInfo.InvariantCulture, out var l) ? l : long.MinValue;
        // Two steps either side, as Identity allows for phones whose clock is a little off.
        for (var step = now - 2; step <= now + 2; step++)
        {
            if (step <= last || !CryptographicOperations.FixedTimeEquals(Code(secret, step), Encoding.ASCII.GetBytes(token))) continue;
            // A concurrent use of the same code fails here on the concurrency stamp: only one of them passes.
            return (await manager.SetAuthenticationTokenAsync(user, LoginProvider, LastStepName, step.ToString(CultureInfo.InvariantCulture))).Succeeded;
        }
        return false;
    }

    private static byte[] Code(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        var hash = HMACSHA1.HashData(secret, counter);
        var offset = hash[^1] & 0x0f;
        var value = ((hash[offset] & 0x7f) << 24 | hash[offset + 1] << 16 | hash[offset + 2] << 8 | hash[offset + 3]) % 1_000_000;
        return Encoding.ASCII.GetBytes(value.ToString("D6", CultureInfo.InvariantCulture));
    }

    private static class Base32
    {
        private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

        public static byte[] Decode(string text)
        {
            var output = new List<byte>();
            int buffer = 0, bits = 0;
            foreach (var c in text.ToUpperInvariant().TrimEnd('='))
            {
                var value = Alphabet.IndexOf(c);
                if (value < 0) continue;
                buffer = (buffer << 5) | value;
                bits += 5;
                if (bits < 8) continue;
                output.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
            return [.. output];
        }
    }
}
