using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Community.Tests.Support;
using Community.Web.Features.Threads;
using Community.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Community.Tests.Features;

/// <summary>Tags are links to their own page, feed and API: a tag's threads, newest first, paged.</summary>
public class TagPageTests(CommunityApp app) : IClassFixture<CommunityApp>
{
    private async Task<Given.AskedThread> AskTaggedAsync(string title, string tags)
    {
        var result = await app.SendAsync(new Ask.Command(new Actor((await app.CreateUserAsync()).Id, false), (await app.HubAsync()).Slug, title, "Frage mit Tags", tags));
        return new Given.AskedThread(result.Id, result.Slug, []);
    }

    [Fact]
    public async Task A_threads_tags_link_to_the_tag_page_which_lists_it_with_a_feed_and_an_api()
    {
        var thread = await AskTaggedAsync("Mesh-WLAN im Altbau", "Mesh-WLAN, Altbau");
        var page = await (await app.Browser().GetAsync(thread.Url)).HtmlAsync();
        Assert.Contains("<a class=\"tag\" rel=\"tag\" href=\"/tags/mesh-wlan\">mesh-wlan</a>", page);

        // Spelt otherwise, the address leads to the tag's one address (asked before that page is in the cache).
        var spelt = await app.Browser().GetAsync("/tags/Mesh-WLAN");
        Assert.Equal(HttpStatusCode.MovedPermanently, spelt.StatusCode);
        Assert.Equal("/tags/mesh-wlan", spelt.Headers.Location!.OriginalString);

        var tagPage = await app.Browser().GetAsync("/tags/mesh-wlan");
        Assert.Equal(HttpStatusCode.OK, tagPage.StatusCode);
        var html = await tagPage.HtmlAsync();
        Assert.Contains("Questions tagged mesh-wlan", html);
        Assert.Contains(thread.Url, html);
        Assert.Contains("<link rel=\"alternate\" type=\"application/atom+xml\"", html);

        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync("/tags/no-thread-has-this")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Browser().GetAsync("/tags/mesh-wlan?before=abc")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync("/tags/%EF%BF%BE")).StatusCode);

        var feed = await app.Browser().GetAsync("/tags/mesh-wlan.atom");
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Contains("<title>Mesh-WLAN im Altbau</title>", await feed.Content.ReadAsStringAsync());

        var api = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/api/v1/tags/mesh-wlan/threads")).RootElement;
        Assert.Equal("mesh-wlan", api.GetProperty("tag").GetString());
        Assert.Equal(thread.Id, api.GetProperty("threads")[0].GetProperty("id").GetInt32());
        Assert.Equal(JsonValueKind.Null, api.GetProperty("older").ValueKind);
        var bad = await app.CreateClient().GetAsync("/api/v1/tags/mesh-wlan/threads?before=x");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("\"before\"", await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync("/api/v1/tags/no-thread-has-this/threads")).StatusCode);
    }

    [Fact]
    public async Task A_tags_page_lists_newest_first_twenty_at_a_time_without_hidden_threads()
    {
        var ids = new List<int>();
        for (var i = 0; i < 24; i++) ids.Add((await AskTaggedAsync($"Seitenweise Frage {i}", "seitenweise")).Id);
        await app.WithDbAsync(db => db.Threads.Where(t => t.Id == ids[23]).ExecuteUpdateAsync(s => s.SetProperty(t => t.IsHidden, true)));
        await app.ForgetCachedPagesAsync();

        var first = await (await app.Browser().GetAsync("/tags/seitenweise")).HtmlAsync();
        var listed = Regex.Matches(first, "Seitenweise Frage (\\d+)</a>").Select(m => int.Parse(m.Groups[1].Value)).ToList();
        Assert.Equal(Enumerable.Range(3, 20).Reverse(), listed);
        var older = Regex.Match(first, "<a rel=\"next\" href=\"(/tags/seitenweise\\?before=\\d+)\">").Groups[1].Value;
        Assert.Equal($"/tags/seitenweise?before={ids[3]}", older);
        var second = await (await app.Browser().GetAsync(older)).HtmlAsync();
        Assert.Equal([2, 1, 0], Regex.Matches(second, "Seitenweise Frage (\\d+)</a>").Select(m => int.Parse(m.Groups[1].Value)));
        Assert.DoesNotContain("rel=\"next\"", second);
    }
}

/// <summary>A profile calls a person an expert for a hub only after a few accepted solutions there.</summary>
public class ExpertLabelTests(CommunityApp app) : IClassFixture<CommunityApp>
{
    [Fact]
    public async Task Expert_for_appears_after_three_solutions_in_a_hub_not_after_one()
    {
        var helper = await app.CreateUserAsync();
        var hub = await app.HubAsync(name: "WLAN Box");
        async Task SolveAsync()
        {
            var asker = await app.CreateUserAsync();
            var thread = await app.AskAsync(asker, hub, answers: 1, answerer: helper);
            await app.SendAsync(new MarkSolution.Command(new Actor(asker.Id, false), thread.Id, thread.AnswerIds[0]));
        }

        await SolveAsync();
        Assert.DoesNotContain("Expert for", await (await app.Browser().GetAsync($"/u/{helper.Name}")).HtmlAsync());
        await SolveAsync();
        await SolveAsync();
        await app.ForgetCachedPagesAsync();
        var profile = await (await app.Browser().GetAsync($"/u/{helper.Name}")).HtmlAsync();
        Assert.Contains("Expert for", profile);
        Assert.Matches("WLAN Box</a> <span class=\"count\">\\d+ points, 3 solutions</span>", profile);
    }
}
