using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Community.Domain.Threads;
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
    [InlineData("q=%22")]
    [InlineData("q=NEAR(")]
    [InlineData("q=*")]
    [InlineData("q=((akku")]
    [InlineData("q=akku)")]
    [InlineData("q=title:akku")]
    [InlineData("q=-akku^")]
    [InlineData("q=%22unbalanced")]
    [InlineData("q=%EF%BF%BE")]
    [InlineData("q=router&tag=%EF%BF%BE")]
    [InlineData("q=router%EF%BF%BEakku")]
    [InlineData("q=%ED%A0%80x&tag=%22%20OR%20x")]
    public async Task Search_syntax_or_non_characters_in_the_query_or_filters_never_cause_an_error(string query)
    {
        var page = await app.Browser().GetAsync($"/search?{query}");
        Assert.True(page.StatusCode is HttpStatusCode.OK or HttpStatusCode.UnprocessableEntity, $"page gave {(int)page.StatusCode}");
        var html = await page.HtmlAsync();
        Assert.True(html.Contains("threads found") || html.Contains("thread found") || html.Contains("no words to look for"));

        foreach (var api in new[] { "/api/v1/search", "/api/v1/search/results" })
        {
            var answer = await app.CreateClient().GetAsync($"{api}?{query}");
            Assert.True(answer.StatusCode is HttpStatusCode.OK or HttpStatusCode.UnprocessableEntity, $"{api} gave {(int)answer.StatusCode}");
        }
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

    private static string Unique(string stem) => stem + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(6).ToArray());

    [Fact]
    public async Task German_and_english_inflections_find_each_other()
    {
        var hub = await app.HubAsync();
        var word = Unique("zuv");
        var german = await app.AskAsync(await app.CreateUserAsync(), hub, $"Rechnungen {word} doppelt abgebucht", body: "Zwei Abbuchungen im Monat.");
        var english = await app.AskAsync(await app.CreateUserAsync(), hub, $"Two routers {word} in one flat", body: "Which one should be the mesh base?");

        var rechnung = await (await app.Browser().GetAsync($"/search?q=Rechnung+{word}")).HtmlAsync();
        Assert.Contains(german.Url, rechnung);
        Assert.Contains("<mark>Rechnungen</mark>", rechnung);
        Assert.DoesNotContain(english.Url, rechnung);
        var router = await (await app.Browser().GetAsync($"/search?q=router+{word}")).HtmlAsync();
        Assert.Contains(english.Url, router);
        Assert.Contains("<mark>routers</mark>", router);
    }

    [Fact]
    public async Task A_misspelt_word_is_searched_as_the_known_word_closest_to_it()
    {
        var word = Unique("quixotron");
        var thread = await app.AskAsync(await app.CreateUserAsync(), await app.HubAsync(), $"{word} lädt nur langsam", body: "Seit dem Update.");
        var typo = word[..3] + word[4] + word[3] + word[5..];

        var page = await app.Browser().GetAsync($"/search?q={typo}");
        var html = await page.HtmlAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(thread.Url, html);
        Assert.Contains("showing results for", html);
        Assert.Contains($"<strong>{word.ToLowerInvariant()}</strong>", html);

        var api = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/search/results?q={typo}");
        Assert.Equal(word.ToLowerInvariant(), api.GetProperty("correction").GetString());
        Assert.Equal(thread.Id, api.GetProperty("hits")[0].GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task Filters_narrow_by_hub_with_its_sub_hubs_status_and_tag()
    {
        var parent = await app.HubAsync();
        var child = await app.WithDbAsync(async db =>
        {
            var hub = new Hub { Slug = "sub-" + Guid.NewGuid().ToString("N")[..8], Name = "Sub", ParentId = parent.Id };
            db.Hubs.Add(hub);
            await db.SaveChangesAsync();
            return hub;
        });
        var other = await app.HubAsync();
        var word = Unique("filt");
        var asker = await app.CreateUserAsync();
        var inChild = await app.AskAsync(asker, child, $"{word} im Unterforum", answers: 1);
        var elsewhere = await app.AskAsync(asker, other, $"{word} woanders");
        var tagged = await app.SendAsync(new Ask.Command(new Actor(asker.Id, false), other.Slug, $"{word} mit Schlagwort", "Frage", "glasfaser"));
        await app.SendAsync(new MarkSolution.Command(new Actor(asker.Id, false), inChild.Id, inChild.AnswerIds[0]));

        async Task<string> Search(string filters) => await (await app.Browser().GetAsync($"/search?q={word}&{filters}")).HtmlAsync();
        var byHub = await Search($"hub={parent.Slug}");
        Assert.Contains(inChild.Url, byHub);
        Assert.DoesNotContain(elsewhere.Url, byHub);
        var solved = await Search("status=solved");
        Assert.Contains(inChild.Url, solved);
        Assert.DoesNotContain(elsewhere.Url, solved);
        var unsolved = await Search("status=unsolved");
        Assert.DoesNotContain(inChild.Url, unsolved);
        Assert.Contains(elsewhere.Url, unsolved);
        var byTag = await Search("tag=Glasfaser");
        Assert.Contains($"/t/{tagged.Id}/", byTag);
        Assert.DoesNotContain(elsewhere.Url, byTag);
        Assert.Contains($"value=\"{parent.Slug}\" selected=\"selected\"", byHub);
    }

    [Theory]
    [InlineData("status=maybe", "status")]
    [InlineData("when=decade", "when")]
    [InlineData("hub=no-such-hub", "hub")]
    public async Task A_filter_that_makes_no_sense_is_named_and_the_search_kept(string filter, string field)
    {
        var page = await app.Browser().GetAsync($"/search?q=akku&{filter}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.StatusCode);
        var html = await page.HtmlAsync();
        Assert.Contains("value=\"akku\"", html);
        Assert.Contains($"id=\"{field}\" name=\"{field}\" aria-invalid=\"true\"", html);

        var api = await app.CreateClient().GetAsync($"/api/v1/search/results?q=akku&{filter}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, api.StatusCode);
        Assert.Contains($"\"{field}\"", await api.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Results_are_paged_without_repeats_and_a_wild_page_number_is_clamped()
    {
        var hub = await app.HubAsync();
        var word = Unique("pagi");
        var asker = await app.CreateUserAsync();
        for (var i = 0; i < 25; i++) await app.AskAsync(asker, hub, $"{word} Frage {i}");

        async Task<List<int>> Ids(string page) =>
            (await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/search/results?q={word}&page={page}")).GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetInt32()).ToList();
        var first = await Ids("1");
        var second = await Ids("2");
        Assert.Equal(20, first.Count);
        Assert.Equal(5, second.Count);
        Assert.Empty(first.Intersect(second));
        Assert.Equal(second, await Ids("99999"));
        Assert.Equal(first, await Ids("-3"));

        var html = await (await app.Browser().GetAsync($"/search?q={word}")).HtmlAsync();
        Assert.Contains($"rel=\"next\" href=\"/search?q={word}&amp;page=2\"", html);
        Assert.Contains("25 threads found", html);
    }
}

public class SearchOddTextTests(CommunityApp app) : IClassFixture<CommunityApp>
{
    [Fact]
    public async Task A_tag_with_an_umlaut_filters_as_it_was_stored_and_a_title_is_shown_whole()
    {
        var asker = await app.CreateUserAsync();
        var hub = await app.HubAsync();
        var tagged = await app.SendAsync(new Answer.Command(new Actor(asker.Id, false), (await app.AskAsync(asker, hub, "Wie kann ich bei meinem Router das WLAN ändern?")).Id, "Im Menü unter WLAN."));
        var thread = await app.SendAsync(new Ask.Command(new Actor(asker.Id, false), hub.Slug, "Mein Gerät startet ständig neu, was tun?", "Seit gestern.", "Gerät"));

        var byTag = await (await app.Browser().GetAsync("/search?q=startet&tag=Ger%C3%A4t")).HtmlAsync();
        Assert.Contains($"/t/{thread.Id}/", byTag);
        var title = await (await app.Browser().GetAsync("/search?q=wlan+router+menu")).HtmlAsync();
        Assert.Contains("Wie kann ich bei meinem <mark>Router</mark> das <mark>WLAN</mark> ändern?</a>", title);
        Assert.True(tagged > 0);
    }

    [Fact]
    public async Task Decomposed_umlauts_are_one_letter_and_a_title_with_a_non_character_can_be_asked()
    {
        var asker = await app.CreateUserAsync();
        var hub = await app.HubAsync();
        var nfd = await app.AskAsync(asker, hub, "U\u0308berweisungsbeleg fehlt komplett");
        Assert.Contains(nfd.Url, await (await app.Browser().GetAsync("/search?q=%C3%9Cberweisungsbeleg")).HtmlAsync());

        var odd = await app.SendAsync(new Ask.Command(new Actor(asker.Id, false), hub.Slug, "Kaputtes \uFFFE Zeichen im Titel", "Text \uFFFE hier", "tag\uFFFE"));
        Assert.Contains($"/t/{odd.Id}/", await (await app.Browser().GetAsync("/search?q=kaputtes+zeichen")).HtmlAsync());
    }

    [Fact]
    public async Task A_new_solution_is_indexed_even_in_a_thread_longer_than_the_document_keeps()
    {
        var asker = await app.CreateUserAsync();
        var thread = await app.AskAsync(asker, await app.HubAsync(), "Sehr lange Diskussion ohne Ende", answers: SearchDocumentLimit);
        var late = await app.SendAsync(new Answer.Command(new Actor((await app.CreateUserAsync()).Id, false), thread.Id, "Die Lösung: xylophonrouter neu starten."));
        Assert.DoesNotContain(thread.Url, await (await app.Browser().GetAsync("/search?q=xylophonrouter")).HtmlAsync());

        await app.SendAsync(new MarkSolution.Command(new Actor(asker.Id, false), thread.Id, thread.AnswerIds[0]));
        await app.SendAsync(new MarkSolution.Command(new Actor(asker.Id, false), thread.Id, late));
        Assert.Contains(thread.Url, await (await app.Browser().GetAsync("/search?q=xylophonrouter")).HtmlAsync());
    }

    private const int SearchDocumentLimit = Community.Domain.Search.SearchDocument.MaxAnswers;
}

public class SearchSinceTests(ClockedCommunityApp app) : IClassFixture<ClockedCommunityApp>
{
    [Fact]
    public async Task Asked_in_the_past_year_leaves_out_older_threads()
    {
        var hub = await app.HubAsync();
        var asker = await app.CreateUserAsync();
        var old = await app.AskAsync(asker, hub, "Alte Frage zum kabelmodem");
        app.Clock.Advance(TimeSpan.FromDays(400));
        var recent = await app.AskAsync(asker, hub, "Neue Frage zum kabelmodem");

        var html = await (await app.Browser().GetAsync("/search?q=kabelmodem&when=year")).HtmlAsync();
        Assert.Contains(recent.Url, html);
        Assert.DoesNotContain(old.Url, html);
        Assert.Contains(old.Url, await (await app.Browser().GetAsync("/search?q=kabelmodem")).HtmlAsync());
    }
}
