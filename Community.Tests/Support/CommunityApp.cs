using System.Net;
using System.Text.RegularExpressions;
using Community.Web.Data;
using Community.Web.Features.Users;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Tests.Support;

/// <summary>
/// Which database this build of the tests runs on: Community.Tests runs every test on SQLite, and
/// Community.Tests/Postgres builds the same tests with POSTGRES defined to run them on a throwaway PostgreSQL.
/// </summary>
public static class TestDatabase
{
#if POSTGRES
    public static readonly bool IsPostgres = true;
#else
    public static readonly bool IsPostgres = false;
#endif

    public const string SqliteOnly = "SQLite only: this test reads the SQLite file or its query plans.";
}

/// <summary>The real app on a fresh database of its own (a SQLite file, or a PostgreSQL database), with mail written to a temp folder.</summary>
public class CommunityApp : WebApplicationFactory<Program>
{
    public CommunityApp() { }

    /// <summary>An app on another app's folder and database: a second instance of the same community.</summary>
    protected CommunityApp(CommunityApp first)
    {
        Root = first.Root;
        connectionString = first.ConnectionString;
        ownsDatabase = false;
    }

    private string? connectionString;
    private bool ownsDatabase = true;

    /// <summary>The app's ConnectionStrings:Community: the SQLite file under <see cref="Root"/>, or a PostgreSQL database made for this app.</summary>
    public string ConnectionString => connectionString ??= TestDatabase.IsPostgres
        ? PostgresServer.SharedAsync().GetAwaiter().GetResult().CreateDatabaseAsync().GetAwaiter().GetResult()
        : $"Data Source={DatabasePath}";

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "community-tests", Guid.NewGuid().ToString("N"));
    public string DatabasePath => Path.Combine(Root, "community.db");
    public string MailDirectory => Path.Combine(Root, "mail");
    public string UploadDirectory => Path.Combine(Root, "uploads");
    protected virtual bool SeedDemoContent => false;
    protected virtual string MinAccountAgeForKudos => "00:00:00";
    protected virtual bool RunWebhookDispatcher => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(Root);
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", TestDatabase.IsPostgres ? "Postgres" : "Sqlite");
        builder.UseSetting("ConnectionStrings:Community", ConnectionString);
        builder.UseSetting("Seed:DemoContent", SeedDemoContent ? "true" : "false");
        builder.UseSetting("Mail:PickupDirectory", MailDirectory);
        builder.UseSetting("Uploads:Directory", UploadDirectory);
        builder.UseSetting("Mail:ShowConfirmationLinkOnPage", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // Test users are seconds old; the account-age rule has its own test.
        builder.UseSetting("Reputation:MinAccountAgeForKudos", MinAccountAgeForKudos);
        builder.UseSetting("Hero:RunInBackground", "false");
        // Only the webhook tests run the background dispatcher; the others look at the outbox rows.
        builder.UseSetting("Webhooks:DispatcherEnabled", RunWebhookDispatcher ? "true" : "false");
        builder.UseSetting("Mail:DispatcherEnabled", "false");
        builder.UseSetting("Sla:OfferToExpertsInBackground", "false");
        // Tests tell hub followers at a point of their choosing (Given.FanOutAsync).
        builder.UseSetting("Following:FanOutInBackground", "false");
        // Most tests send many requests from one client; the limits have their own tests (RateLimitTests).
        builder.UseSetting("RateLimits:Enabled", RateLimited ? "true" : "false");
        // The tests' webhook receivers listen on plain http on 127.0.0.1, which a real deploy refuses (see the SSRF tests).
        builder.UseSetting("Webhooks:AllowHttp", "true");
        builder.UseSetting("Webhooks:AllowedNetworks:0", "127.0.0.0/8");
    }

    protected virtual bool RateLimited => false;

    private readonly object _starting = new();

    /// <summary>
    /// The app's services; the first use starts it. WebApplicationFactory does not guard that first start, so two
    /// tasks touching it at once (a race test's first step) could start two hosts on one database.
    /// </summary>
    public override IServiceProvider Services
    {
        get
        {
            lock (_starting) return base.Services;
        }
    }

    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = ClientOptions.BaseAddress });

    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    /// <summary>A test that changes rows behind the app's back (not through a command) empties the page cache, as a write would.</summary>
    public Task ForgetCachedPagesAsync() =>
        Services.GetRequiredService<Microsoft.AspNetCore.OutputCaching.IOutputCacheStore>().EvictByTagAsync(Community.Web.Infrastructure.Caching.AnonymousPagePolicy.AllTag, default).AsTask();

    /// <summary>What the search index job does once a minute: writes made around the commands get their search documents.</summary>
    public Task IndexForSearchAsync() =>
        WithScopeAsync(async sp => { await Community.Web.Features.Search.SearchIndexJob.DrainAsync(sp.GetRequiredService<Community.Web.Features.Search.ISearchIndex>(), sp.GetRequiredService<CommunityDb>(), default); return 0; });

    public Task WithDbAsync(Func<CommunityDb, Task> work) => WithScopeAsync(async sp => { await work(sp.GetRequiredService<CommunityDb>()); return 0; });

    public Task<T> WithDbAsync<T>(Func<CommunityDb, Task<T>> work) => WithScopeAsync(sp => work(sp.GetRequiredService<CommunityDb>()));

    private int _userCounter;

    /// <summary>A confirmed user with a unique name and the password "Passw0rd!x".</summary>
    public async Task<TestUser> CreateUserAsync(string? name = null, string? role = null)
    {
        name ??= $"user{Interlocked.Increment(ref _userCounter)}-{Guid.NewGuid().ToString("N")[..6]}";
        return await WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<CommunityUser>>();
            var user = new CommunityUser { UserName = name, Email = $"{name}@example.com", EmailConfirmed = true, JoinedAt = DateTimeOffset.UtcNow };
            var result = await users.CreateAsync(user, TestUser.Password);
            if (!result.Succeeded) throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
            if (role is not null) await users.AddToRoleAsync(user, role);
            return new TestUser(user.Id, name);
        });
    }

    public Task<string> CreateTokenAsync(TestUser user) =>
        WithScopeAsync(async sp => await sp.GetRequiredService<IMediator>().Send(new CreateToken.Command(user.Id, "test")));

    /// <summary>A client logged in through the real login form.</summary>
    public async Task<HttpClient> LoginAsync(TestUser user, string password = TestUser.Password)
    {
        var client = Browser();
        var response = await client.PostFormAsync("/account/login", new() { ["Login"] = user.Name, ["Password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Login failed with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    /// <summary>False keeps the database after this app stops, so a test can start the app again on it (a restart).</summary>
    public bool DeleteFilesOnDispose { get; init; } = true;

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing || !DeleteFilesOnDispose) return;
        if (TestDatabase.IsPostgres && ownsDatabase && connectionString is not null)
            PostgresServer.SharedAsync().GetAwaiter().GetResult().DropDatabaseAsync(connectionString).GetAwaiter().GetResult();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>An app started with the demo content, as `dotnet run` gives on first start.</summary>
public sealed class DemoCommunityApp : CommunityApp
{
    protected override bool SeedDemoContent => true;
}

public sealed record TestUser(string Id, string Name)
{
    public const string Password = "Passw0rd!x";
}

public static partial class HttpExtensions
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    /// <summary>GETs the form's page for its antiforgery token, then posts the fields like a browser would.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, Dictionary<string, string> fields, string? formPage = null)
    {
        var page = await client.GetAsync(formPage ?? url);
        var html = await page.Content.ReadAsStringAsync();
        var token = AntiforgeryField().Match(html);
        // An anonymous visitor's preference forms (language, theme) carry no token, so their pages can be cached.
        if (!token.Success && !html.Contains($"action=\"{url}\"")) throw new InvalidOperationException($"No antiforgery token on {formPage ?? url} ({(int)page.StatusCode}).");
        var content = new Dictionary<string, string>(fields);
        if (token.Success) content["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        return await client.PostAsync(url, new FormUrlEncodedContent(content));
    }

    public static async Task<string> HtmlAsync(this HttpResponseMessage response) => await response.Content.ReadAsStringAsync();

    /// <summary>The antiforgery token of a page, as its scripts send it in X-CSRF-TOKEN.</summary>
    public static async Task<string> PageTokenAsync(this HttpClient client, string page)
    {
        var html = await (await client.GetAsync(page)).Content.ReadAsStringAsync();
        var token = AntiforgeryField().Match(html);
        if (!token.Success) throw new InvalidOperationException($"No antiforgery token on {page}.");
        return WebUtility.HtmlDecode(token.Groups[1].Value);
    }

    /// <summary>A script's call from a signed-in page: the page's token in X-CSRF-TOKEN.</summary>
    public static Task<HttpResponseMessage> SendFromPageAsync(this HttpClient client, HttpMethod method, string url, string token, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Add("X-CSRF-TOKEN", token);
        return client.SendAsync(request);
    }
}
