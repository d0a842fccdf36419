using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Community.Tests.Support;
using Community.Web.Data;
using Community.Web.Features.Moderation;
using Community.Web.Features.Threads;
using Community.Web.Features.Webhooks;
using Community.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Community.Tests.Features;

/// <summary>An app with the rate limits on (small, so a test reaches them) and behind a proxy, so X-Forwarded-For names the client.</summary>
public sealed class RateLimitedApp : CommunityApp
{
    protected override bool RateLimited => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Community:BehindProxy", "true");
        // An hour-long window: no window ends while a test runs, however slow the machine.
        foreach (var policy in new[] { "Login", "LoginAccount", "Register", "AccountMail", "Posting", "Search", "Api" })
        {
            builder.UseSetting($"RateLimits:{policy}:PermitLimit", "3");
            builder.UseSetting($"RateLimits:{policy}:Window", "01:00:00");
        }
    }
}

public class RateLimitTests(RateLimitedApp app) : IClassFixture<RateLimitedApp>
{
    private HttpClient From(string address)
    {
        var client = app.Browser();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }

    [Fact]
    public async Task The_fourth_login_from_one_address_gets_429_with_retry_after_and_another_address_is_unaffected()
    {
        var user = await app.CreateUserAsync();
        var attacker = From("203.0.113.10");
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.UnprocessableEntity, (await attacker.PostFormAsync("/account/login", new() { ["Login"] = $"someone{i}", ["Password"] = "wrong-password" })).StatusCode);
        var refused = await attacker.PostFormAsync("/account/login", new() { ["Login"] = "typed-name", ["Password"] = "wrong-password" });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        var html = await refused.HtmlAsync();
        Assert.Contains("Too many attempts in a short time", html);
        Assert.Contains("value=\"typed-name\"", html);

        var other = await From("198.51.100.7").PostFormAsync("/account/login", new() { ["Login"] = user.Name, ["Password"] = TestUser.Password });
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
    }

    [Fact]
    public async Task Spraying_one_account_from_many_addresses_is_slowed_per_account()
    {
        var user = await app.CreateUserAsync();
        for (var i = 0; i < 3; i++)
            await From($"192.0.2.{i + 1}").PostFormAsync("/account/login", new() { ["Login"] = user.Name, ["Password"] = "wrong-password" });
        // The account's failures are used up: even the right password is refused, by its email address too, with the
        // same answer as a wrong one (a 429 here would tell which address belongs to which name).
        foreach (var login in new[] { user.Name, $"{user.Name}@example.com" })
        {
            var refused = await From("192.0.2.99").PostFormAsync("/account/login", new() { ["Login"] = login, ["Password"] = TestUser.Password });
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Contains("Wrong name, email or password.", await refused.HtmlAsync());
        }
    }

    [Fact]
    public async Task Parallel_guesses_on_one_account_are_counted_one_by_one()
    {
        var user = await app.CreateUserAsync();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var guesses = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            var client = From($"198.18.0.{i + 1}");
            await client.GetAsync("/account/login");
            await start.Task;
            return await client.PostFormAsync("/account/login", new() { ["Login"] = user.Name, ["Password"] = $"guess-{i}" });
        })).ToList();
        start.SetResult();
        await Task.WhenAll(guesses);
        // Three failures fill the account's limit; the rest were refused without checking a password.
        var identity = await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.AccessFailedCount).SingleAsync());
        Assert.Equal(3, identity);
    }

    [Theory]
    [InlineData("/account/register")]
    [InlineData("/account/forgot-password")]
    public async Task Account_forms_are_limited_per_address(string url)
    {
        var client = From($"203.0.113.{Random.Shared.Next(20, 250)}");
        HttpResponseMessage last = null!;
        for (var i = 0; i < 4; i++)
        {
            var name = $"new{Guid.NewGuid():N}"[..12];
            last = await client.PostFormAsync(url, new() { ["UserName"] = name, ["Email"] = $"{name}@example.com", ["Password"] = "Long-enough-9", ["ConfirmPassword"] = "Long-enough-9" });
            if (i < 3) Assert.NotEqual(HttpStatusCode.TooManyRequests, last.StatusCode);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
        Assert.NotNull(last.Headers.RetryAfter);
    }

    [Fact]
    public async Task A_refused_answer_is_shown_again_with_its_text_and_nothing_is_saved()
    {
        var hub = await app.HubAsync();
        var thread = await app.AskAsync(await app.CreateUserAsync(), hub);
        var writer = await app.CreateUserAsync();
        var client = await app.LoginAsync(writer);
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"/t/{thread.Id}/{thread.Slug}?handler=Answer", new() { ["AnswerBody"] = $"Answer {i} with enough text" }, $"/t/{thread.Id}/{thread.Slug}")).StatusCode);
        var refused = await client.PostFormAsync($"/t/{thread.Id}/{thread.Slug}?handler=Answer", new() { ["AnswerBody"] = "My fourth answer, kept for later" }, $"/t/{thread.Id}/{thread.Slug}");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("My fourth answer, kept for later", await refused.HtmlAsync());
        Assert.Equal(3, await app.WithDbAsync(db => db.Posts.CountAsync(p => p.ThreadId == thread.Id && p.AuthorId == writer.Id)));
        // Someone else still posts.
        var other = await app.LoginAsync(await app.CreateUserAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await other.PostFormAsync($"/t/{thread.Id}/{thread.Slug}?handler=Answer", new() { ["AnswerBody"] = "Another person's answer" }, $"/t/{thread.Id}/{thread.Slug}")).StatusCode);
    }

    [Fact]
    public async Task The_api_counts_per_token_and_answers_problem_json()
    {
        var token = await app.CreateTokenAsync(await app.CreateUserAsync());
        var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/hubs")).StatusCode);
        var refused = await api.GetAsync("/api/v1/hubs");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(refused.Headers.RetryAfter);

        var otherApi = app.CreateClient();
        otherApi.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.CreateTokenAsync(await app.CreateUserAsync()));
        Assert.Equal(HttpStatusCode.OK, (await otherApi.GetAsync("/api/v1/hubs")).StatusCode);
    }

    [Fact]
    public async Task Search_is_limited_with_a_readable_page()
    {
        var client = From("203.0.113.250");
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/search?q=router")).StatusCode);
        var refused = await client.GetAsync("/search?q=router");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Too many requests", await refused.HtmlAsync());
        Assert.NotNull(refused.Headers.RetryAfter);
    }
}

public class SecurityHeaderTests(CommunityApp app) : IClassFixture<CommunityApp>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/api/v1/hubs")]
    [InlineData("/t/999999/missing")]
    [InlineData("/themes/default/theme.css")]
    public async Task Every_answer_carries_the_security_headers(string url)
    {
        var response = await app.Browser().GetAsync(url);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Contains("camera=()", response.Headers.GetValues("Permissions-Policy").Single());
    }

    [Fact]
    public async Task Pages_have_no_inline_scripts_except_json_ld_data()
    {
        var hub = await app.HubAsync();
        var thread = await app.AskAsync(await app.CreateUserAsync(), hub, answers: 1);
        foreach (var url in new[] { "/", $"/t/{thread.Id}/{thread.Slug}", "/leaderboard", "/account/login" })
        {
            var html = await (await app.Browser().GetAsync(url)).HtmlAsync();
            var scripts = System.Text.RegularExpressions.Regex.Matches(html, "<script(?<attrs>[^>]*)>(?<body>[^<]*)</script>");
            Assert.All(scripts, s => Assert.True(s.Groups["attrs"].Value.Contains("src=") || s.Groups["attrs"].Value.Contains("application/ld+json"), $"{url}: inline script {s.Value[..Math.Min(80, s.Value.Length)]}"));
            Assert.DoesNotMatch(" on(click|change|load|submit)=", html);
        }
    }
}

public class HttpsSiteTests(PublicSiteApp app) : IClassFixture<PublicSiteApp>
{
    [Fact]
    public async Task An_https_site_sends_hsts_secure_cookies_and_redirects_http()
    {
        var page = await app.Browser().GetAsync("/account/login");
        Assert.Contains("max-age=", page.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.All(page.Headers.GetValues("Set-Cookie"), c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
        var http = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://localhost") });
        var redirect = await http.GetAsync("/");
        Assert.Equal(HttpStatusCode.PermanentRedirect, redirect.StatusCode);
        Assert.Equal("https", redirect.Headers.Location!.Scheme);
    }
}

public class ProductionStartTests
{
    private sealed class StartApp(params (string Key, string Value)[] settings) : CommunityApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
            builder.UseSetting("Seed:DemoContent", ""); // as if unset: the environment decides
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
        }
    }

    [Fact]
    public async Task A_production_start_has_no_demo_accounts()
    {
        using var app = new StartApp(("Community:PublicBaseUrl", "https://community.example.com"));
        app.ClientOptions.BaseAddress = new Uri("https://localhost");
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/healthz")).StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync()));
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == "alex.admin")));
    }

    [Fact]
    public void Demo_content_in_production_refuses_to_start_unless_confirmed()
    {
        using var app = new StartApp(("Community:PublicBaseUrl", "https://community.example.com"), ("Seed:DemoContent", "true"));
        var e = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("Seed:DemoContentInProduction", e.ToString());
        Assert.Contains("admin create-user", e.ToString());
    }

    [Fact]
    public void Production_without_a_public_base_url_refuses_to_start()
    {
        using var app = new StartApp(("Community:PublicBaseUrl", ""));
        var e = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("Community:PublicBaseUrl is not set", e.ToString());
    }

    [Fact]
    public async Task A_login_cookie_issued_before_a_restart_works_after_it_and_on_another_instance()
    {
        var first = new CommunityApp { DeleteFilesOnDispose = false };
        try
        {
            var user = await first.CreateUserAsync();
            var options = new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false };
            var raw = first.CreateClient(options);
            var form = await raw.GetAsync("/account/login");
            var antiforgeryCookie = string.Join("; ", form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
            var token = System.Text.RegularExpressions.Regex.Match(await form.HtmlAsync(), "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
            var login = new HttpRequestMessage(HttpMethod.Post, "/account/login")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Login"] = user.Name, ["Password"] = TestUser.Password, ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token) }),
            };
            login.Headers.Add("Cookie", antiforgeryCookie);
            var signedIn = await raw.SendAsync(login);
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            var authCookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("community.auth=")).Split(';')[0];

            // Another instance beside the first: its own memory, the same database, so the key ring can only come from there.
            using (var beside = new SameDatabaseApp(first.ConnectionString))
            {
                var request = new HttpRequestMessage(HttpMethod.Get, "/notifications");
                request.Headers.Add("Cookie", authCookie);
                Assert.Equal(HttpStatusCode.OK, (await beside.CreateClient(options).SendAsync(request)).StatusCode);
            }
            // The first stops; started again on the same database, it still knows the cookie.
            first.Dispose();
            using (var restarted = new SameDatabaseApp(first.ConnectionString))
            {
                var again = new HttpRequestMessage(HttpMethod.Get, "/notifications");
                again.Headers.Add("Cookie", authCookie);
                Assert.Equal(HttpStatusCode.OK, (await restarted.CreateClient(options).SendAsync(again)).StatusCode);
                Assert.True(await restarted.WithDbAsync(db => db.DataProtectionKeys.AnyAsync()));
            }
        }
        finally
        {
            first.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(first.Root, recursive: true); } catch (IOException) { }
        }
    }

    private sealed class SameDatabaseApp(string connectionString) : CommunityApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:Community", connectionString);
        }
    }
}

/// <summary>Webhooks as a real deploy has them: https only, no internal networks except TEST-NET-1 as the operator's allowed CRM network.</summary>
public sealed class DefaultWebhookPolicyApp : CommunityApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Webhooks:AllowHttp", "false");
        builder.UseSetting("Webhooks:AllowedNetworks:0", "192.0.2.0/24");
    }
}

public class WebhookAddressPolicyTests(DefaultWebhookPolicyApp app) : IClassFixture<DefaultWebhookPolicyApp>
{
    [Theory]
    [InlineData("https://127.0.0.1/hook", "Loopback, private")]
    [InlineData("https://[::1]/hook", "Loopback, private")]
    [InlineData("https://10.0.0.8/hook", "Loopback, private")]
    [InlineData("https://192.168.1.20/hook", "Loopback, private")]
    [InlineData("https://169.254.169.254/latest/meta-data/", "Loopback, private")]
    [InlineData("https://localhost:8443/hook", "localhost resolves to an internal address")]
    [InlineData("http://crm.example.com/hook", "Use an https:// URL")]
    public async Task Internal_and_plain_http_receivers_are_refused_by_default(string url, string message)
    {
        var before = await app.WithDbAsync(db => db.WebhookEndpoints.CountAsync());
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => app.SendAsync(new AddEndpoint.Command(url, "crm", "")));
        Assert.StartsWith(message, e.Errors["Url"].Single());
        Assert.Equal(before, await app.WithDbAsync(db => db.WebhookEndpoints.CountAsync()));
    }

    [Fact]
    public async Task A_receiver_in_the_operators_allowed_network_is_accepted_and_its_secret_is_stored_encrypted()
    {
        var (id, secret) = await app.SendAsync(new AddEndpoint.Command("https://192.0.2.15/hook", "crm on the private network", ""));
        var stored = await app.WithDbAsync(db => db.WebhookEndpoints.Where(e => e.Id == id).Select(e => e.Secret).SingleAsync());
        Assert.StartsWith("whsec_", secret);
        Assert.StartsWith("dp1:", stored);
        Assert.DoesNotContain(secret, stored);
        var rotated = await app.SendAsync(new RotateSecret.Command(id));
        var after = await app.WithDbAsync(db => db.WebhookEndpoints.Where(e => e.Id == id).Select(e => new { e.Secret, e.PreviousSecret }).SingleAsync());
        Assert.StartsWith("dp1:", after.Secret);
        Assert.StartsWith("dp1:", after.PreviousSecret);
        Assert.DoesNotContain(rotated, after.Secret);
    }
}

public sealed class CommandLimitApp : CommunityApp
{
    protected override bool RateLimited => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var policy in new[] { "Kudos", "Flags", "WebhookTest" })
        {
            builder.UseSetting($"RateLimits:{policy}:PermitLimit", "2");
            builder.UseSetting($"RateLimits:{policy}:Window", "01:00:00");
        }
    }
}

public class CommandLimitTests(CommandLimitApp app) : IClassFixture<CommandLimitApp>
{
    [Fact]
    public async Task Kudos_flags_and_test_events_are_limited_per_person()
    {
        var hub = await app.HubAsync();
        var thread = await app.AskAsync(await app.CreateUserAsync(), hub, answers: 3);
        var fan = new Actor((await app.CreateUserAsync()).Id, false);
        await app.SendAsync(new GiveKudos.Command(fan, thread.AnswerIds[0]));
        await app.SendAsync(new GiveKudos.Command(fan, thread.AnswerIds[1]));
        var kudos = await Assert.ThrowsAsync<Community.Web.Infrastructure.Security.TooManyRequestsException>(() => app.SendAsync(new GiveKudos.Command(fan, thread.AnswerIds[2])));
        Assert.True(kudos.RetryAfter > TimeSpan.Zero);
        Assert.Equal(0, await app.WithDbAsync(db => db.Kudos.CountAsync(k => k.UserId == fan.UserId && k.PostId == thread.AnswerIds[2])));
        await app.SendAsync(new GiveKudos.Command(new Actor((await app.CreateUserAsync()).Id, false), thread.AnswerIds[2]));

        var flaggerUser = await app.CreateUserAsync();
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == flaggerUser.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Reputation, 1000)));
        var flagger = new Actor(flaggerUser.Id, false);
        await app.SendAsync(new FlagPost.Command(flagger, thread.AnswerIds[0], Community.Domain.Moderation.FlagReason.Spam, null));
        await app.SendAsync(new FlagPost.Command(flagger, thread.AnswerIds[1], Community.Domain.Moderation.FlagReason.Spam, null));
        await Assert.ThrowsAsync<Community.Web.Infrastructure.Security.TooManyRequestsException>(() => app.SendAsync(new FlagPost.Command(flagger, thread.AnswerIds[2], Community.Domain.Moderation.FlagReason.Spam, null)));

        var (endpointId, _) = await app.SendAsync(new AddEndpoint.Command("http://127.0.0.1:9/hook", "test", ""));
        await app.SendAsync(new SendTestEvent.Command(endpointId, "admin.one"));
        await app.SendAsync(new SendTestEvent.Command(endpointId, "admin.one"));
        await Assert.ThrowsAsync<Community.Web.Infrastructure.Security.TooManyRequestsException>(() => app.SendAsync(new SendTestEvent.Command(endpointId, "admin.one")));
    }

    [Fact]
    public async Task A_limited_api_write_answers_429_problem_json_with_retry_after()
    {
        var hub = await app.HubAsync();
        var thread = await app.AskAsync(await app.CreateUserAsync(), hub, answers: 3);
        var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.CreateTokenAsync(await app.CreateUserAsync()));
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/posts/{thread.AnswerIds[0]}/kudos", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/posts/{thread.AnswerIds[1]}/kudos", null)).StatusCode);
        var refused = await api.PostAsync($"/api/v1/posts/{thread.AnswerIds[2]}/kudos", null);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(refused.Headers.RetryAfter);
    }
}

public class KeyRingEncryptionTests
{
    private sealed class CertificateApp(string path) : CommunityApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("DataProtection:CertificatePath", path);
            builder.UseSetting("DataProtection:CertificatePassword", "test-only");
        }
    }

    [Fact]
    public async Task With_a_certificate_the_key_ring_in_the_database_is_encrypted()
    {
        using var rsa = RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=community-keys", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(Path.GetTempPath(), $"community-keys-{Guid.NewGuid():N}.pfx");
        await File.WriteAllBytesAsync(path, certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx, "test-only"));
        try
        {
            using var app = new CertificateApp(path);
            var user = await app.CreateUserAsync();
            await app.LoginAsync(user);
            var xml = await app.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml).FirstAsync());
            Assert.Contains("EncryptedXml", xml);
            Assert.DoesNotContain("<masterKey", xml);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

public class ApiLimitKeyTests(RateLimitedApp app) : IClassFixture<RateLimitedApp>
{
    [Fact]
    public async Task A_made_up_bearer_header_gets_no_bucket_of_its_own()
    {
        HttpResponseMessage last = null!;
        for (var i = 0; i < 4; i++)
        {
            var client = app.CreateClient();
            client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.77");
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", $"made-up-{i}");
            last = await client.GetAsync("/api/v1/hubs");
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
    }

    [Fact]
    public async Task Api_search_counts_against_the_search_limit_not_the_api_one()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.78");
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/search?q=router")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/api/v1/search?q=router")).StatusCode);
        // Both limits are 3 here: the other API endpoints still answer, so the search used its own limit.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/hubs")).StatusCode);
    }
}

public class LimitedPageTests(CommandLimitApp app) : IClassFixture<CommandLimitApp>
{
    [Fact]
    public async Task A_refused_test_send_shows_the_endpoint_page_again_with_429_and_retry_after()
    {
        var admin = await app.LoginAsync(await app.CreateUserAsync(role: Roles.Admin));
        var (endpointId, _) = await app.SendAsync(new AddEndpoint.Command("http://127.0.0.1:9/page-hook", "test", ""));
        HttpResponseMessage last = null!;
        for (var i = 0; i < 3; i++) last = await admin.PostFormAsync($"/admin/webhooks/{endpointId}?handler=Test", [], $"/admin/webhooks/{endpointId}");
        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
        Assert.NotNull(last.Headers.RetryAfter);
        Assert.Contains("Too many attempts in a short time", await last.HtmlAsync());
    }
}
