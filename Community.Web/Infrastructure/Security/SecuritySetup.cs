using System.Security.Cryptography.X509Certificates;
using Community.Web.Data;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace Community.Web.Infrastructure.Security;

/// <summary>Security settings under Security:* (see README, Security).</summary>
public sealed class SecurityOptions
{
    /// <summary>Admins and moderators must use an authenticator app; on by default outside Development.</summary>
    public bool RequireTwoFactorForStaff { get; set; } = true;
    /// <summary>How long a new personal access token lives unless its owner picks another duration.</summary>
    public int TokenLifetimeDays { get; set; } = 90;
}

/// <summary>Start-up refusals, key ring, security headers, HTTPS and the staff second factor.</summary>
public static class SecuritySetup
{
    public static void AddCommunitySecurity(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var env = builder.Environment;
        var publicBaseUrl = config["Community:PublicBaseUrl"];
        if (!env.IsDevelopment())
        {
            // Without it, mail and webhook links would follow whatever Host header a request brings.
            if (string.IsNullOrWhiteSpace(publicBaseUrl))
                throw new InvalidOperationException(
                    $"Community:PublicBaseUrl is not set. Outside Development it is required: links in mails, feeds and webhooks are built from it " +
                    $"(for example Community__PublicBaseUrl=https://community.example.com).");
        }
        if (!string.IsNullOrWhiteSpace(publicBaseUrl)
            && (!Uri.TryCreate(publicBaseUrl, UriKind.Absolute, out var baseUri) || (baseUri.Scheme != Uri.UriSchemeHttps && baseUri.Scheme != Uri.UriSchemeHttp)))
            throw new InvalidOperationException($"Community:PublicBaseUrl must be an absolute http:// or https:// address, not \"{publicBaseUrl}\".");

        // The server's name and version help nobody but an attacker.
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);

        var security = new SecurityOptions { RequireTwoFactorForStaff = !env.IsDevelopment() };
        config.GetSection("Security").Bind(security);
        if (security.TokenLifetimeDays is < 1 or > 365)
            throw new InvalidOperationException($"Security:TokenLifetimeDays must be 1 to 365, not {security.TokenLifetimeDays}.");
        builder.Services.AddSingleton(security);

        // One key ring for all instances, kept in the database: cookies, antiforgery tokens and reset links survive a
        // restart and are read by every instance behind the load balancer.
        var keyRing = builder.Services.AddDataProtection()
            .SetApplicationName("Community")
            .PersistKeysToDbContext<CommunityDb>();
        // Optionally the keys themselves are encrypted with a certificate, so a database copy alone opens nothing.
        if (config["DataProtection:CertificatePath"] is { Length: > 0 } certificate)
            keyRing.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(
                certificate, config["DataProtection:CertificatePassword"], X509KeyStorageFlags.EphemeralKeySet));
        builder.Services.AddSingleton<SecretProtector>();
        builder.Services.AddHostedService<KeyRingKeeper>();

        builder.Services.AddCommunityRateLimits(config);

        if (IsHttps(config))
        {
            builder.Services.AddHttpsRedirection(o =>
            {
                o.RedirectStatusCode = StatusCodes.Status308PermanentRedirect;
                o.HttpsPort = new Uri(publicBaseUrl!).Port;
            });
        }
        // Behind a TLS proxy the app itself may see http; the cookies are still only ever sent over https.
        var cookiePolicy = IsHttps(config) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        builder.Services.ConfigureApplicationCookie(o => o.Cookie.SecurePolicy = cookiePolicy);
        builder.Services.AddAntiforgery(o => o.Cookie.SecurePolicy = cookiePolicy);
        builder.Services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o => o.Cookie.SecurePolicy = cookiePolicy);
        builder.Services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorRememberMeScheme, o => o.Cookie.SecurePolicy = cookiePolicy);
    }

    private static bool IsHttps(IConfiguration config) =>
        Uri.TryCreate(config["Community:PublicBaseUrl"], UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps;

    /// <summary>First in the pipeline, so every answer (pages, API, static files, error pages) carries the headers.</summary>
    public static void UseCommunitySecurityHeaders(this WebApplication app)
    {
        var policies = new HeaderPolicyCollection()
            .AddContentTypeOptionsNoSniff()
            .AddFrameOptionsDeny()
            .AddReferrerPolicyStrictOriginWhenCrossOrigin()
            .AddCrossOriginOpenerPolicy(b => b.SameOrigin())
            .RemoveServerHeader()
            // No inline scripts: every script is a file of this site. JSON-LD is data, not script, and stays allowed.
            .AddContentSecurityPolicy(b =>
            {
                b.AddDefaultSrc().Self();
                b.AddScriptSrc().Self();
                b.AddStyleSrc().Self();
                b.AddImgSrc().Self().Data().OverHttps();
                b.AddFontSrc().Self();
                b.AddConnectSrc().Self();
                b.AddObjectSrc().None();
                b.AddBaseUri().Self();
                b.AddFormAction().Self();
                b.AddFrameAncestors().None();
            })
            .AddPermissionsPolicy(b =>
            {
                b.AddCamera().None();
                b.AddMicrophone().None();
                b.AddGeolocation().None();
                b.AddPayment().None();
                b.AddUsb().None();
                b.AddAccelerometer().None();
                b.AddGyroscope().None();
                b.AddMagnetometer().None();
            });
        if (IsHttps(app.Configuration)) policies.AddStrictTransportSecurityMaxAgeIncludeSubDomains(maxAgeInSeconds: 365 * 24 * 3600);
        app.UseSecurityHeaders(policies);
        // Behind a TLS proxy this needs Community:BehindProxy, so X-Forwarded-Proto tells that the visitor came over https.
        if (IsHttps(app.Configuration)) app.UseHttpsRedirection();
    }

    /// <summary>
    /// With Security:RequireTwoFactorForStaff, an admin or moderator who signed in without a second factor reaches only
    /// the account pages (to set one up or log out) until they have.
    /// </summary>
    public static void UseStaffTwoFactor(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<SecurityOptions>();
        if (!options.RequireTwoFactorForStaff) return;
        app.Use(async (context, next) =>
        {
            var user = context.User;
            if (user.Identity?.IsAuthenticated == true && user.Identity.AuthenticationType == IdentityConstants.ApplicationScheme
                && user.IsModerator() && !user.HasClaim("amr", "mfa")
                && !context.Request.Path.StartsWithSegments("/account") && !context.Request.Path.StartsWithSegments("/error")
                && !context.Request.Path.StartsWithSegments("/themes") && !context.Request.Path.StartsWithSegments("/js"))
            {
                context.Response.Redirect("/account/two-factor?required=true&returnUrl=" + Uri.EscapeDataString(context.Request.Path + context.Request.QueryString));
                return;
            }
            await next(context);
        });
    }
}
