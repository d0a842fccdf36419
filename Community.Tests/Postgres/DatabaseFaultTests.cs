using System.Net;
using Community.Tests.Support;
using Community.Web.Features.Threads;
using Community.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
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

    [Fact]
    public async Task Restarted_under_a_running_instance_requests_fail_fast_with_503_nothing_is_half_written_and_it_recovers_without_a_restart()
    {
        await using var app = new OnServer(connectionString);
        var asker = await app.CreateUserAsync();
        var thread = await app.AskAsync(asker, await app.HubAsync(), "Frage vor dem Neustart der Datenbank");
        var signedIn = await app.LoginAsync(await app.CreateUserAsync());
        var form = await (await signedIn.GetAsync(thread.Url)).HtmlAsync();
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

        server.Stop();
        var answer = await signedIn.PostAsync($"{thread.Url}?handler=Answer", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["AnswerBody"] = "Diese Antwort kommt an, während die Datenbank weg ist", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        }));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
        Assert.Contains("Temporarily unavailable", await answer.HtmlAsync());
        var anonymous = await app.CreateClient().GetAsync($"{thread.Url}?page=1");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, anonymous.StatusCode);

        server.Start();
        await UntilAsync(() => app.CreateClient().GetAsync($"{thread.Url}?page=1"), HttpStatusCode.OK, "pages after the database came back");
        Assert.Equal(0, await app.WithDbAsync(db => db.Posts.CountAsync(p => p.ThreadId == thread.Id && !p.IsQuestion)));
        Assert.Equal(HttpStatusCode.Redirect, (await signedIn.PostFormAsync($"{thread.Url}?handler=Answer", new() { ["AnswerBody"] = "Und jetzt klappt es wieder" }, formPage: thread.Url)).StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.Posts.CountAsync(p => p.ThreadId == thread.Id && !p.IsQuestion)));
    }
}
