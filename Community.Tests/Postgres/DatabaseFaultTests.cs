using System.Net;
using Community.Tests.Support;
using Community.Web.Features.Threads;
using Community.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;

namespace Community.Tests.Postgres;

/// <summary>
/// PostgreSQL going away: at start, and under a running instance. Each test has a server of its own to stop and start
/// (the shared one serves the other tests). Waiting is for a state (ready again, a page answered), never a fixed time.
/// </summary>
public sealed class DatabaseFaultTests : IAsyncLifetime
{
    private PostgresServer server = null!;
    private string connectionString = "";

    private sealed class OnServer(string connectionString) : CommunityApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:Community", connectionString + ";Timeout=3");
        }
    }

    public async Task InitializeAsync()
    {
        server = await PostgresServer.StartPrivateAsync();
        connectionString = await server.CreateDatabaseAsync();
    }

    public Task DisposeAsync()
    {
        server.Destroy();
        return Task.CompletedTask;
    }

    private static async Task<HttpResponseMessage> UntilAsync(Func<Task<HttpResponseMessage>> request, HttpStatusCode wanted, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var response = await request();
            if (response.StatusCode == wanted) return response;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{what}: still {(int)response.StatusCode} after 60 s: {await response.Content.ReadAsStringAsync()}");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Down_at_start_the_instance_runs_not_ready_with_a_readable_503_and_becomes_ready_when_the_database_is_back()
    {
        server.Stop();
        await using var app = new OnServer(connectionString);
        var client = app.Browser();

        var ready = await client.GetAsync("/healthz/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("The database cannot be reached", await ready.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/live")).StatusCode);
        var page = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        var html = await page.HtmlAsync();
        Assert.Contains("Temporarily unavailable", html);
        Assert.DoesNotContain("Exception", html);
        Assert.Equal("30", page.Headers.RetryAfter!.ToString());
        var api = await client.GetAsync("/api/v1/hubs");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType!.MediaType);

        server.Start();
        await UntilAsync(() => client.GetAsync("/healthz/ready"), HttpStatusCode.OK, "ready after the database came back");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    /// <summary>Stops the database server just before the command's INSERT of a post reaches it: a crash in the middle of a command.</summary>
    private sealed class CrashBeforePostInsert(PostgresServer server) : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
    {
        public bool Armed { get; set; }

        public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(
            System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData eventData,
            Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (Armed && command.CommandText.Contains("INSERT INTO \"Posts\"", StringComparison.Ordinal))
            {
                Armed = false;
                server.Stop();
            }
            return ValueTask.FromResult(result);
        }
    }

    private sealed class CrashingApp(string connectionString, CrashBeforePostInsert crash) : CommunityApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:Community", connectionString + ";Timeout=3");
            builder.ConfigureTestServices(s => s.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(crash));
        }
    }

    [Fact]
    public async Task A_crash_in_the_middle_of_a_command_fails_fast_with_503_leaves_nothing_half_written_and_recovers_without_a_restart()
    {
        var crash = new CrashBeforePostInsert(server);
        await using var app = new CrashingApp(connectionString, crash);
        var asker = await app.CreateUserAsync();
        var thread = await app.AskAsync(asker, await app.HubAsync(), "Frage vor dem Absturz der Datenbank");
        var signedIn = await app.LoginAsync(await app.CreateUserAsync());
        var form = await (await signedIn.GetAsync(thread.Url)).HtmlAsync();
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

        // The command has taken the write turn and changed rows when the server goes down under it.
        crash.Armed = true;
        var answer = await signedIn.PostAsync($"{thread.Url}?handler=Answer", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["AnswerBody"] = "Diese Antwort kommt an, während die Datenbank abstürzt", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        }));
        Assert.False(crash.Armed);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
        Assert.Contains("Temporarily unavailable", await answer.HtmlAsync());
        var anonymous = await app.CreateClient().GetAsync($"{thread.Url}?page=1");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, anonymous.StatusCode);

        server.Start();
        await UntilAsync(() => app.CreateClient().GetAsync($"{thread.Url}?page=1"), HttpStatusCode.OK, "pages after the database came back");
        await app.WithDbAsync(async db =>
        {
            Assert.Equal(0, await db.Posts.CountAsync(p => p.ThreadId == thread.Id && !p.IsQuestion));
            Assert.Equal(0, await db.Threads.Where(t => t.Id == thread.Id).Select(t => t.AnswerCount).SingleAsync());
            Assert.Equal(0, await db.Notifications.CountAsync(n => n.UserId == asker.Id));
        });
        Assert.Equal(HttpStatusCode.Redirect, (await signedIn.PostFormAsync($"{thread.Url}?handler=Answer", new() { ["AnswerBody"] = "Und jetzt klappt es wieder" }, formPage: thread.Url)).StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.Posts.CountAsync(p => p.ThreadId == thread.Id && !p.IsQuestion)));
    }
}
