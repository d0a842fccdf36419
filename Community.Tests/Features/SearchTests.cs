using System.Net;
using System.Net.Http.Json;
using Community.Tests.Support;
using Community.Web.Features.Threads;
using Community.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Community.Tests.Features;

public class SearchTests(CommunityApp app) : IClassFixture<CommunityApp>
{
    [Fact]
    public async Task Search_finds_threads_by_title_and_answer_text_with_highlighted_snippets()
    {
        var hub = await app.HubAsync();
        var word = "zephyrmodem" + Guid.NewGuid().ToString("N")[..5];
        var byTitle = await app.AskAsync(await app.CreateUserAsync(), hub, $"Problem mit {word} Einrichtung", body: "Hilfe bitte");
        var byAnswer = await app.AskAsync(await app.CreateUserAsync(), hub, "Internet langsam am Abend", body: "Was tun?");
        await app.SendAsync(new Answer.Command(new Actor((await app.CreateUserAsync()).Id, false), byAnswer.Id, $"Tausch das {word} gegen ein neues."));

        var html = await (await app.Browser().GetAsync($"/search?q={word}")).HtmlAsync();
        Assert.Contains($"href=\"{byTitle.Url}\"", html);
        Assert.Contains($"href=\"{byAnswer.Url}\"", html);
        Assert.Contains($"<mark>{word}</mark>", html);
        Assert.Contains("2 threads found", html);
    }

    [Fact]
    public async Task Edits_and_umlauts_are_reflected_in_the_index()
    {
        var asker = await app.CreateUserAsync();
        var thread = await app.AskAsync(asker, await app.HubAsync(), "Überweisung der Rechnung unklar", body: "alterbegriff steht hier");
        var questionId = await app.WithDbAsync(db => db.Posts.Where(p => p.ThreadId == thread.Id && p.IsQuestion).Select(p => p.Id).SingleAsync());
        await app.SendAsync(new EditPost.Command(new Actor(asker.Id, false), questionId, "neuerbegriff steht jetzt hier"));

        Assert.Contains(thread.Url, await (await app.Browser().GetAsync("/search?q=neuerbegriff")).HtmlAsync());
        Assert.DoesNotContain(thread.Url, await (await app.Browser().GetAsync("/search?q=alterbegriff")).HtmlAsync());
        Assert.Contains(thread.Url, await (await app.Browser().GetAsync("/search?q=uberweisung%20rechnung")).HtmlAsync());
    }

    [Theory]
    [InlineData("%22")]
    [InlineData("NEAR(")]
    [InlineData("*")]
    [InlineData("((akku")]
    [InlineData("akku)")]
    [InlineData("title:akku")]
    [InlineData("-akku^")]
    [InlineData("%22unbalanced")]
    public async Task Search_syntax_in_the_query_never_causes_an_error(string q)
    {
        var page = await app.Browser().GetAsync($"/search?q={q}");
        Assert.True(page.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"page gave {(int)page.StatusCode}");
        var html = await page.HtmlAsync();
        Assert.True(html.Contains("threads found") || html.Contains("thread found") || html.Contains("no words to look for"));

        var api = await app.CreateClient().GetAsync($"/api/v1/search?q={q}");
        Assert.True(api.StatusCode is HttpStatusCode.OK or HttpStatusCode.UnprocessableEntity, $"api gave {(int)api.StatusCode}");
    }

    [Fact]
    public async Task An_empty_search_explains_what_to_enter()
    {
        var response = await app.CreateClient().GetAsync("/api/v1/search?q=%22*");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        Assert.Contains("errors", problem!.Keys);
        Assert.Contains("no words to look for", problem["errors"].ToString());
    }

    [Fact]
    public async Task Snippets_cannot_inject_markup()
    {
        var thread = await app.AskAsync(await app.CreateUserAsync(), await app.HubAsync(), "Harmless title text", body: "quuxword <img src=x onerror=alert(1)> `<b>`");
        var html = await (await app.Browser().GetAsync("/search?q=quuxword")).HtmlAsync();
        Assert.Contains(thread.Url, html);
        Assert.DoesNotContain("<img src=x", html);
    }
}
