using System.Net;
using System.Net.Http.Headers;
using Community.Domain;
using Community.Tests.Support;
using Community.Web.Data;
using Community.Web.Features.Threads;
using Community.Web.Infrastructure;

namespace Community.Tests.Features;

/// <summary>Anonymous pages come from the output cache until a write changes them; signed-in people never get a cached page.</summary>
public class PageCacheTests(CommunityApp app) : IClassFixture<CommunityApp>
{
    private HttpClient Anonymous() => app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });

    private static bool IsHit(HttpResponseMessage r) => r.Headers.TryGetValues("X-Cache", out var v) && v.Contains("HIT");

    [Fact]
    public async Task An_anonymous_thread_page_is_served_from_the_cache_until_an_answer_or_kudos_changes_it()
    {
        var asker = await app.CreateUserAsync();
        var thread = await app.AskAsync(asker, await app.HubAsync(), title: "Cached question about the modem", answers: 1);
        var client = Anonymous();

        var first = await client.GetAsync(thread.Url);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.False(first.Headers.Contains("Set-Cookie"), "an anonymous page sets no cookie, so it can be shared: " + string.Join("; ", first.Headers.TryGetValues("Set-Cookie", out var c) ? c : []));
        Assert.Equal("public, max-age=10", first.Headers.CacheControl?.ToString());
        var second = await client.GetAsync(thread.Url);
        Assert.True(IsHit(second), "the second anonymous request is a cache hit");
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());

        var helper = await app.CreateUserAsync();
        await app.SendAsync(new Answer.Command(new Actor(helper.Id, false), thread.Id, "Unplug it for thirty seconds, then wait for the green light."));
        var afterAnswer = await client.GetAsync(thread.Url);
        Assert.False(IsHit(afterAnswer));
        Assert.Contains("Unplug it for thirty seconds", await afterAnswer.Content.ReadAsStringAsync());
        Assert.True(IsHit(await client.GetAsync(thread.Url)));

        await app.SendAsync(new GiveKudos.Command(new Actor((await app.CreateUserAsync()).Id, false), thread.AnswerIds[0]));
        Assert.False(IsHit(await client.GetAsync(thread.Url)), "a kudos evicts the thread's page");
    }

    [Fact]
    public async Task A_new_question_evicts_the_hub_and_home_lists()
    {
        var hub = await app.HubAsync();
        var client = Anonymous();
        await client.GetAsync($"/hubs/{hub.Slug}");
        await client.GetAsync("/");
        Assert.True(IsHit(await client.GetAsync($"/hubs/{hub.Slug}")));
        Assert.True(IsHit(await client.GetAsync("/")));

        await app.AskAsync(await app.CreateUserAsync(), hub, title: "Brand new question about roaming fees");
        var hubPage = await client.GetAsync($"/hubs/{hub.Slug}");
        Assert.False(IsHit(hubPage));
        Assert.Contains("Brand new question about roaming fees", await hubPage.Content.ReadAsStringAsync());
        Assert.Contains("Brand new question about roaming fees", await (await client.GetAsync("/")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_signed_in_person_never_gets_a_cached_page_and_an_anonymous_visitor_never_gets_theirs()
    {
        var moderator = await app.CreateUserAsync(role: Roles.Moderator);
        var thread = await app.AskAsync(await app.CreateUserAsync(), await app.HubAsync(), answers: 1);
        var anonymous = Anonymous();
        await anonymous.GetAsync(thread.Url);
        Assert.True(IsHit(await anonymous.GetAsync(thread.Url)));

        var signedIn = await app.LoginAsync(moderator);
        var mine = await signedIn.GetAsync(thread.Url);
        Assert.False(IsHit(mine));
        var html = await mine.Content.ReadAsStringAsync();
        Assert.Contains(moderator.Name, html);
        Assert.Contains("__RequestVerificationToken", html);
        Assert.False(IsHit(await signedIn.GetAsync(thread.Url)));

        var theirs = await (await anonymous.GetAsync(thread.Url)).Content.ReadAsStringAsync();
        Assert.DoesNotContain(moderator.Name, theirs);
        Assert.DoesNotContain("__RequestVerificationToken", theirs);
        Assert.DoesNotContain("?handler=Hide", theirs);
    }

    [Fact]
    public async Task Anonymous_pages_are_compressed_and_signed_in_pages_with_their_tokens_are_not()
    {
        var thread = await app.AskAsync(await app.CreateUserAsync(), await app.HubAsync(), answers: 1);
        var anonymous = Anonymous();
        var request = new HttpRequestMessage(HttpMethod.Get, thread.Url);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        var compressed = await anonymous.SendAsync(request);
        Assert.Equal(["br"], compressed.Content.Headers.ContentEncoding);

        var signedIn = await app.LoginAsync(await app.CreateUserAsync());
        var plainRequest = new HttpRequestMessage(HttpMethod.Get, thread.Url);
        plainRequest.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        Assert.Empty((await signedIn.SendAsync(plainRequest)).Content.Headers.ContentEncoding);

        var css = new HttpRequestMessage(HttpMethod.Get, "/themes/default/theme.css");
        css.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        var style = await anonymous.SendAsync(css);
        Assert.Equal(["gzip"], style.Content.Headers.ContentEncoding);
        Assert.Contains("max-age", style.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Stylesheets_scripts_and_icons_have_versioned_urls_kept_for_a_year_and_a_favicon_exists()
    {
        var html = await (await app.Browser().GetAsync($"/?assets={Guid.NewGuid():N}")).HtmlAsync();
        var theme = System.Text.RegularExpressions.Regex.Match(html, "href=\"(/themes/default/theme\\.css\\?v=[0-9a-f]{12})\"").Groups[1].Value;
        Assert.NotEmpty(theme);
        var versioned = await app.Browser().GetAsync(theme);
        Assert.Equal("public, max-age=31536000, immutable", versioned.Headers.CacheControl?.ToString());
        Assert.Matches("href=\"/favicon\\.svg\\?v=[0-9a-f]{12}\" type=\"image/svg\\+xml\"", html);

        var icon = await app.Browser().GetAsync("/favicon.ico");
        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.Equal("image/x-icon", icon.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0, 0, 1, 0], (await icon.Content.ReadAsByteArrayAsync())[..4]);

        var ask = await (await (await app.LoginAsync(await app.CreateUserAsync())).GetAsync("/ask")).HtmlAsync();
        Assert.Matches("src=\"/js/ask\\.js\\?v=[0-9a-f]{12}\"", ask);
    }
}
