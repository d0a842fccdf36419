using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Community.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Community.Web.Infrastructure;

public static class ApiTokenFormat
{
    public const string Scheme = "Bearer";

    public static string NewToken() => "cmt_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();

    public const string ReadPolicy = "api:read";
    public const string WritePolicy = "api:write";

    public static void AddApiTokenPolicies(this AuthorizationOptions o)
    {
        o.AddPolicy(ReadPolicy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().RequireClaim(ApiTokenScopes.Claim, ApiTokenScopes.Read, ApiTokenScopes.Write));
        o.AddPolicy(WritePolicy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().RequireClaim(ApiTokenScopes.Claim, ApiTokenScopes.Write));
    }

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

/// <summary>Authenticates "Authorization: Bearer cmt_..." against the hashed personal access tokens.</summary>
public sealed class ApiTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    CommunityDb db,
    IUserClaimsPrincipalFactory<CommunityUser> principals,
    Security.SecurityOptions security,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var token = header["Bearer ".Length..].Trim();
        if (token.Length == 0) return AuthenticateResult.Fail("Empty bearer token.");

        var hash = ApiTokenFormat.Hash(token);
        var row = await db.ApiTokens.FirstOrDefaultAsync(t => t.TokenHash == hash);
        if (row is null) return AuthenticateResult.Fail("Unknown token.");
        if (row.RevokedAt is not null) return AuthenticateResult.Fail("This token has been revoked.");
        if (row.ExpiresAt <= clock.GetUtcNow()) return AuthenticateResult.Fail($"This token expired on {row.ExpiresAt:yyyy-MM-dd}; create a new one on your profile page.");
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == row.UserId);
        if (user is null) return AuthenticateResult.Fail("The token's owner no longer exists.");
        if (user.LockoutEnd is { } end && end > clock.GetUtcNow()) return AuthenticateResult.Fail("The account is locked.");
        if (user.SuspendedUntil > clock.GetUtcNow()) return AuthenticateResult.Fail("The account is suspended.");

        var now = clock.GetUtcNow();
        if (row.LastUsedAt is null || now - row.LastUsedAt > TimeSpan.FromMinutes(5))
        {
            row.LastUsedAt = now;
            await db.SaveChangesAsync();
        }
        var principal = await principals.CreateAsync(user);
        // A staff role through a token would skip the second factor the role requires on the site.
        if (security.RequireTwoFactorForStaff && principal.IsModerator() && !user.TwoFactorEnabled)
            return AuthenticateResult.Fail("Tokens of admins and moderators work only once the account has two-factor authentication.");
        var identity = new ClaimsIdentity(principal.Claims, Scheme.Name);
        identity.AddClaims(row.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => new Claim(ApiTokenScopes.Claim, s)));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        var result = await HandleAuthenticateOnceSafeAsync();
        var detail = result.Failure?.Message ?? "Send a personal access token: Authorization: Bearer <token>. Create one on your profile page.";
        await Results.Problem(statusCode: 401, title: "Authentication required", detail: detail).ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        var detail = Context.User.HasClaim(ApiTokenScopes.Claim, ApiTokenScopes.Write) || !Context.User.HasClaim(c => c.Type == ApiTokenScopes.Claim)
            ? "Your account may not do this."
            : "This token can only read; create one with the write scope to change anything.";
        await Results.Problem(statusCode: 403, title: "Forbidden", detail: detail).ExecuteAsync(Context);
    }
}
