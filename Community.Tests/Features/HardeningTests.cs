using System.Net;
using System.Net.Http.Headers;
using Community.Tests.Support;
using Community.Web.Data;
using Community.Web.Features.Threads;
using Community.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Community.Tests.Features;

public class ProductionErrorTests(ProductionCommunityApp app) : IClassFixture<ProductionCommunityApp>
{
    [Theory]
    [InlineData("POST", "/api/v1/threads", "{not json", HttpStatusCode.BadRequest)]
    [InlineData("GET", "/api/v1/search?q=akku&limit=x", null, HttpStatusCode.BadRequest)]
    [InlineData("GET", "/api/v1/threads/abc", null, HttpStatusCode.NotFound)]
    [InlineData("GET", "/api/v1/nothing-here", null, HttpStatusCode.NotFound)]
    [InlineData("DELETE", "/api/v1/hubs", null, HttpStatusCode.MethodNotAllowed)]
    public async Task Api_errors_are_problem_json_in_production(string method, string url, string? body, HttpStatusCode expected)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.CreateTokenAsync(await app.CreateUserAsync()));
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null) request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        var response = await client.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Pages_show_a_friendly_error_in_production()
    {
        var response = await app.Browser().GetAsync("/t/424242/nope");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.HtmlAsync();
        Assert.Contains("Page not found", html);
        Assert.DoesNotContain("Exception", html);
    }

    [Fact]
    public async Task Mail_links_use_the_request_host_only_when_it_is_allowed()
    {
        var response = await app.Browser().SendAsync(new HttpRequestMessage(HttpMethod.Get, "/account/forgot-password") { Headers = { Host = "evil.example" } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}

public class CsrfAndVisibilityTests(CountingCommunityApp app) : IClassFixture<CountingCommunityApp>
{
    [Fact]
    public async Task A_signed_in_users_forms_without_the_antiforgery_token_change_nothing()
    {
        var hub = await app.HubAsync();
        var user = await app.CreateUserAsync();
        var thread = await app.AskAsync(await app.CreateUserAsync(), hub, answers: 1);
        var client = await app.LoginAsync(user);
        var posts = new (string Url, Dictionary<string, string> Fields)[]
        {
            ("/ask", new() { ["Hub"] = hub.Slug, ["Title"] = "Forged question here", ["Body"] = "x" }),
            ($"{thread.Url}?handler=Answer", new() { ["AnswerBody"] = "forged answer" }),
            ($"{thread.Url}?handler=Kudos", new() { ["postId"] = thread.AnswerIds[0].ToString(), ["withdraw"] = "false" }),
            ($"/u/{user.Name}?handler=CreateToken", new() { ["TokenName"] = "forged" }),
        };
        foreach (var (url, fields) in posts)
        {
            var response = await client.PostAsync(url, new FormUrlEncodedContent(fields));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
        Assert.Equal(1, await app.WithDbAsync(db => db.Threads.CountAsync(t => t.HubId == hub.Id)));
        Assert.Equal(2, await app.WithDbAsync(db => db.Posts.CountAsync(p => p.ThreadId == thread.Id)));
        Assert.Equal(0, await app.WithDbAsync(db => db.Kudos.CountAsync(k => k.UserId == user.Id)));
        Assert.Equal(0, await app.WithDbAsync(db => db.ApiTokens.CountAsync(t => t.UserId == user.Id)));
    }

    [Fact]
    public async Task The_thread_page_runs_a_constant_number_of_queries_for_a_signed_in_asker_too()
    {
        var hub = await app.HubAsync();
        var asker = await app.CreateUserAsync();
        var small = await app.AskAsync(asker, hub, answers: 2);
        var big = await app.AskAsync(asker, hub, answers: 25);
        var client = await app.LoginAsync(asker);
        async Task<int> CountAsync(string url)
        {
            await client.GetAsync(url);
            app.Queries.Reset();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
            return app.Queries.Count;
        }
        Assert.Equal(await CountAsync(small.Url), await CountAsync(big.Url));
    }

    [Fact]
    public async Task Hidden_posts_are_gone_for_the_public_api_and_search_but_moderators_see_them()
    {
        var asker = await app.CreateUserAsync();
        var thread = await app.AskAsync(asker, await app.HubAsync(), "Visible question title", answers: 0);
        var hiddenId = await app.SendAsync(new Answer.Command(new Actor((await app.CreateUserAsync()).Id, false), thread.Id, "secretword spam link"));
        Assert.Contains(thread.Url, await (await app.Browser().GetAsync("/search?q=secretword")).HtmlAsync());

        await app.WithDbAsync(db => db.Posts.Where(p => p.Id == hiddenId).ExecuteUpdateAsync(s => s.SetProperty(p => p.IsHidden, true)));
        await app.IndexForSearchAsync();
        await app.ForgetCachedPagesAsync();

        Assert.DoesNotContain("secretword", await (await app.Browser().GetAsync(thread.Url)).HtmlAsync());
        Assert.DoesNotContain("secretword", await app.CreateClient().GetStringAsync($"/api/v1/threads/{thread.Id}"));
        Assert.DoesNotContain(thread.Url, await (await app.Browser().GetAsync("/search?q=secretword")).HtmlAsync());
        var moderator = await app.LoginAsync(await app.CreateUserAsync(role: Roles.Moderator));
        Assert.Contains("secretword", await (await moderator.GetAsync(thread.Url)).HtmlAsync());

        var questionId = await app.WithDbAsync(db => db.Posts.Where(p => p.ThreadId == thread.Id && p.IsQuestion).Select(p => p.Id).SingleAsync());
        await app.WithDbAsync(db => db.Posts.Where(p => p.Id == questionId).ExecuteUpdateAsync(s => s.SetProperty(p => p.IsHidden, true)));
        await app.ForgetCachedPagesAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync(thread.Url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/api/v1/threads/{thread.Id}")).StatusCode);
    }

    [Fact]
    public async Task Renaming_a_question_is_kept_in_its_history()
    {
        var asker = await app.CreateUserAsync();
        var thread = await app.AskAsync(asker, await app.HubAsync(), "The very first title", body: "Same body");
        var questionId = await app.WithDbAsync(db => db.Posts.Where(p => p.ThreadId == thread.Id && p.IsQuestion).Select(p => p.Id).SingleAsync());
        var client = await app.LoginAsync(asker);
        await client.PostFormAsync($"/posts/{questionId}/edit", new() { ["Title"] = "A better second title", ["Body"] = "Same body" });
        var history = await (await client.GetAsync($"/posts/{questionId}/history")).HtmlAsync();
        Assert.Contains("Title before: <strong>The very first title</strong>", history);
        Assert.Contains("better-second-title", await (await app.Browser().GetAsync("/search?q=better%20second")).HtmlAsync());
    }
}
