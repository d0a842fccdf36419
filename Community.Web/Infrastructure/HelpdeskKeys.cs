using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Community.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Community.Web.Infrastructure;

/// <summary>
/// "X-Api-Key: hdk_..." for systems such as the helpdesk. A separate scheme and header from personal tokens, so a
/// person's token never opens the helpdesk endpoints and a key never acts as a person.
/// </summary>
public static class HelpdeskKeyFormat
{
    public const string Scheme = "HelpdeskKey";
    public const string Header = "X-Api-Key";
    public const string ScopeClaim = "scope";
    public const string KeyIdClaim = "helpdesk_key";

    public static string NewKey() => "hdk_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();

    public static void AddHelpdeskPolicies(this AuthorizationOptions o)
    {
        // Writing includes reading.
        o.AddPolicy(HelpdeskKey.ReadScope, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().RequireClaim(ScopeClaim, HelpdeskKey.ReadScope, HelpdeskKey.WriteScope));
        o.AddPolicy(HelpdeskKey.WriteScope, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().RequireClaim(ScopeClaim, HelpdeskKey.WriteScope));
    }
}

public sealed class HelpdeskKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, CommunityDb db, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = Request.Headers[HelpdeskKeyFormat.Header].ToString().Trim();
        if (key.Length == 0) return AuthenticateResult.NoResult();
        var hash = ApiTokenFormat.Hash(key);
        var row = await db.HelpdeskKeys.FirstOrDefaultAsync(k => k.KeyHash == hash);
        if (row is null) return AuthenticateResult.Fail("Unknown API key.");
        if (row.RevokedAt is not null) return AuthenticateResult.Fail("This API key has been revoked.");
        var now = clock.GetUtcNow();
        if (row.LastUsedAt is null || now - row.LastUsedAt > TimeSpan.FromMinutes(5))
        {
            row.LastUsedAt = now;
            await db.SaveChangesAsync();
        }
        var claims = new List<Claim> { new(HelpdeskKeyFormat.KeyIdClaim, row.Id.ToString(CultureInfo.InvariantCulture)), new(ClaimTypes.Name, "helpdesk key " + row.Name) };
        claims.AddRange(row.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => new Claim(HelpdeskKeyFormat.ScopeClaim, s)));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name)), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        var result = await HandleAuthenticateOnceSafeAsync();
        var detail = result.Failure?.Message ?? $"Send the helpdesk API key in the {HelpdeskKeyFormat.Header} header (personal access tokens do not work here).";
        await Results.Problem(statusCode: 401, title: "API key required", detail: detail).ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await Results.Problem(statusCode: 403, title: "Forbidden", detail: "This API key does not have the scope this needs.").ExecuteAsync(Context);
    }
}
