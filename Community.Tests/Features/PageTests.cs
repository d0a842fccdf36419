using System.Net;
using Community.Tests.Support;
using Community.Web.Features.Threads;
using Community.Web.Infrastructure;

namespace Community.Tests.Features;

public class PageTests(CountingCommunityApp app) : IClassFixture<CountingCommunityApp>
{
    private async Task<int> QueriesForAsync(string url)
    {
        var client = app.Browser();
        await client.GetAsync(url); // warm-up: first-hit work (caches, compiled queries) is not what we measure
        app.Queries.Reset();
        // A query of its own: the page is rendered, not served from the page cache the warm-up filled.
        var response = await client.GetAsync(url + (url.Contains('?') ? "&" : "?") + "render=" + Guid.NewGuid().ToString("N"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return app.Queries.Count;
    }

    [Fact]
    public async Task The_thread_page_runs_the_same_number_of_queries_for_2_or_30_answers()
    {
        var hub = await app.HubAsync();
        var small = await app.AskAsync(await app.CreateUserAsync(), hub, answers: 2);
        var big = await app.AskAsync(await app.CreateUserAsync(), hub, answers: 30);
        var smallCount = await QueriesForAsync(small.Url);
        Assert.Equal(smallCount, await QueriesForAsync(big.Url));
        Assert.InRange(smallCount, 1, 4);
    }

    [Fact]
    public async Task Home_and_hub_pages_run_a_constant_number_of_queries()
    {
        var hub = await app.HubAsync();
        await app.AskAsync(await app.CreateUserAsync(), hub, answers: 1);
        var homeBefore = await QueriesForAsync("/");
        var hubBefore = await QueriesForAsync($"/hubs/{hub.Slug}");
        for (var i = 0; i < 12; i++) await app.AskAsync(await app.CreateUserAsync(), hub, answers: 1);
        Assert.Equal(homeBefore, await QueriesForAsync("/"));
        Assert.Equal(hubBefore, await QueriesForAsync($"/hubs/{hub.Slug}"));
        // hub tree (2), thread page (1), experts of the last 30 days and, when empty, of all time (2 + 2)
        Assert.InRange(hubBefore, 1, 7);
    }

    [Fact]
    public async Task The_hub_page_filters_latest_unanswered_and_solved_and_pages()
    {
        var parent = await app.HubAsync(name: "Parent hub");
        var asker = await app.CreateUserAsync();
        var unanswered = await app.AskAsync(asker, parent, "Nobody answered this one");
        var solved = await app.AskAsync(asker, parent, "This one got solved", answers: 1);
        await app.SendAsync(new MarkSolution.Command(new Actor(asker.Id, false), solved.Id, solved.AnswerIds[0]));

        var latest = await (await app.Browser().GetAsync($"/hubs/{parent.Slug}")).HtmlAsync();
        Assert.Contains(unanswered.Url, latest);
        Assert.Contains(solved.Url, latest);
        var open = await (await app.Browser().GetAsync($"/hubs/{parent.Slug}?tab=unanswered")).HtmlAsync();
        Assert.Contains(unanswered.Url, open);
        Assert.DoesNotContain(solved.Url, open);
        var done = await (await app.Browser().GetAsync($"/hubs/{parent.Slug}?tab=solved")).HtmlAsync();
        Assert.Contains(solved.Url, done);
        Assert.DoesNotContain(unanswered.Url, done);

        for (var i = 0; i < 20; i++) await app.AskAsync(asker, parent);
        var page1 = await (await app.Browser().GetAsync($"/hubs/{parent.Slug}")).HtmlAsync();
        Assert.Contains("22 threads", page1);
        Assert.DoesNotContain(unanswered.Url, page1);
        var older = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(page1, "rel=\"next\" href=\"([^\"]+)\"").Groups[1].Value);
        var page2 = await (await app.Browser().GetAsync(older)).HtmlAsync();
        Assert.Contains(unanswered.Url, page2);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync("/hubs/no-such-hub")).StatusCode);
    }

    [Fact]
    public async Task A_profile_shows_what_the_person_contributed()
    {
        var helper = await app.CreateUserAsync();
        var asker = await app.CreateUserAsync();
        var thread = await app.AskAsync(asker, await app.HubAsync(), "Profile question title", answers: 1, answerer: helper);
        await app.SendAsync(new MarkSolution.Command(new Actor(asker.Id, false), thread.Id, thread.AnswerIds[0]));
        await app.SendAsync(new GiveKudos.Command(new Actor(asker.Id, false), thread.AnswerIds[0]));

        var html = await (await app.Browser().GetAsync($"/u/{helper.Name}")).HtmlAsync();
        Assert.Contains("data-testid=\"answers\">1<", html);
        Assert.Contains("data-testid=\"solutions\">1<", html);
        Assert.Contains("data-testid=\"kudos\">1<", html);
        Assert.Contains(thread.Url, html);
        Assert.DoesNotContain("Personal access tokens", html);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync("/u/nobody-here")).StatusCode);
    }

    [Fact]
    public async Task The_owner_creates_a_token_on_the_profile_and_sees_it_once()
    {
        var user = await app.CreateUserAsync();
        var client = await app.LoginAsync(user);
        var created = await client.PostFormAsync($"/u/{user.Name}?handler=CreateToken", new() { ["TokenName"] = "CRM sync" }, formPage: $"/u/{user.Name}");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var html = await (await client.GetAsync(created.Headers.Location!.OriginalString)).HtmlAsync();
        Assert.Matches("data-testid=\"new-token\">cmt_[0-9a-f]{48}<", html);
        Assert.Contains("CRM sync", html);
        Assert.DoesNotContain("data-testid=\"new-token\"", await (await client.GetAsync($"/u/{user.Name}")).HtmlAsync());

        var empty = await client.PostFormAsync($"/u/{user.Name}?handler=CreateToken", new() { ["TokenName"] = "" }, formPage: $"/u/{user.Name}");
        Assert.Contains("Give the token a name", await empty.HtmlAsync());

        var other = await app.CreateUserAsync();
        var forbidden = await client.PostFormAsync($"/u/{other.Name}?handler=CreateToken", new() { ["TokenName"] = "sneaky" }, formPage: $"/u/{other.Name}");
        Assert.Equal(HttpStatusCode.Redirect, forbidden.StatusCode);
        Assert.Contains("/account/denied", forbidden.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Health_and_error_pages_answer_without_internals()
    {
        Assert.Equal("Healthy", await (await app.Browser().GetAsync("/healthz")).Content.ReadAsStringAsync());
        Assert.Equal("Healthy", await (await app.Browser().GetAsync("/healthz/live")).Content.ReadAsStringAsync());
        Assert.Equal("{\"status\":\"Healthy\",\"checks\":{\"database\":{\"status\":\"Healthy\",\"reason\":null}}}", await (await app.Browser().GetAsync("/healthz/ready")).Content.ReadAsStringAsync());
        var missing = await app.Browser().GetAsync("/definitely/not/here");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("Page not found", await missing.HtmlAsync());
        Assert.Equal(HttpStatusCode.OK, (await app.Browser().GetAsync("/themes/default/theme.css")).StatusCode);
    }
}
