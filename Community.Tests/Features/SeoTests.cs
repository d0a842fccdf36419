using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Community.Tests.Support;
using Community.Web.Data;
using Community.Web.Features.Moderation;
using Community.Web.Features.Threads;
using Community.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Community.Tests.Features;

/// <summary>The public site's address is configured, as in production.</summary>
public sealed class PublicSiteApp : CommunityApp
{
    /// <summary>An https site answers http with a redirect (HSTS), so its visitors come over https.</summary>
    public PublicSiteApp() => ClientOptions.BaseAddress = new Uri("https://community.example.com");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Community:PublicBaseUrl", "https://community.example.com");
        builder.UseSetting("AllowedHosts", "community.example.com;localhost");
    }
}

/// <summary>What search engines, feed readers and social networks get.</summary>
public class SeoTests(PublicSiteApp app) : IClassFixture<PublicSiteApp>
{
    private static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private static JsonElement JsonLd(string html)
    {
        var match = Regex.Match(html, "<script type=\"application/ld\\+json\">(.*?)</script>", RegexOptions.Singleline);
        Assert.True(match.Success, "the page has JSON-LD: " + html[..Math.Min(html.Length, 2500)]);
        return JsonDocument.Parse(match.Groups[1].Value).RootElement;
    }

    [Fact]
    public async Task A_thread_carries_qapage_json_ld_with_the_accepted_and_suggested_answers_and_no_hidden_one()
    {
        var asker = await app.CreateUserAsync();
        var thread = await app.AskAsync(asker, await app.HubAsync(), title: "eSIM on the iPhone 16", body: "How do I move my eSIM? </script><script>alert(1)</script>", answers: 3);
        await app.SendAsync(new MarkSolution.Command(new Actor(asker.Id, false), thread.Id, thread.AnswerIds[1]));
        await app.SendAsync(new GiveKudos.Command(new Actor((await app.CreateUserAsync()).Id, false), thread.AnswerIds[1]));
        await app.SendAsync(new HidePost.Command(new Actor((await app.CreateUserAsync(role: Roles.Moderator)).Id, true), thread.AnswerIds[2], "spam", false));

        var html = await (await app.Browser().GetAsync(thread.Url)).HtmlAsync();
        Assert.DoesNotContain("<script>alert(1)", html);
        var ld = JsonLd(html);
        Assert.Equal("https://schema.org", ld.GetProperty("@context").GetString());
        Assert.Equal("QAPage", ld.GetProperty("@type").GetString());
        var q = ld.GetProperty("mainEntity");
        Assert.Equal("Question", q.GetProperty("@type").GetString());
        Assert.Equal("eSIM on the iPhone 16", q.GetProperty("name").GetString());
        Assert.StartsWith("How do I move my eSIM?", q.GetProperty("text").GetString());
        Assert.Equal(2, q.GetProperty("answerCount").GetInt32());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", q.GetProperty("datePublished").GetString());
        Assert.Equal(asker.Name, q.GetProperty("author").GetProperty("name").GetString());
        var accepted = q.GetProperty("acceptedAnswer");
        Assert.Equal("Answer", accepted.GetProperty("@type").GetString());
        Assert.Equal("Answer number 2", accepted.GetProperty("text").GetString());
        Assert.Equal(1, accepted.GetProperty("upvoteCount").GetInt32());
        Assert.Equal($"https://community.example.com{thread.Url}#post-{thread.AnswerIds[1]}", accepted.GetProperty("url").GetString());
        Assert.Equal("Person", accepted.GetProperty("author").GetProperty("@type").GetString());
        var suggested = q.GetProperty("suggestedAnswer").EnumerateArray().ToList();
        Assert.Equal(["Answer number 1"], suggested.Select(a => a.GetProperty("text").GetString()));
        Assert.All(suggested.Append(accepted), a => Assert.True(a.TryGetProperty("datePublished", out _) && a.TryGetProperty("url", out _)));
    }

    [Fact]
    public async Task A_shared_link_shows_title_excerpt_and_image_and_share_buttons_are_plain_links()
    {
        var thread = await app.AskAsync(await app.CreateUserAsync(), await app.HubAsync(), title: "Roaming in der Schweiz", body: "Gilt mein Paket in der Schweiz?");
        var html = await (await app.Browser().GetAsync(thread.Url)).HtmlAsync();
        Assert.Contains("<meta property=\"og:title\" content=\"Roaming in der Schweiz\" />", html);
        Assert.Contains("<meta property=\"og:description\" content=\"Gilt mein Paket in der Schweiz?\" />", html);
        Assert.Contains($"<meta property=\"og:url\" content=\"https://community.example.com{thread.Url}\" />", html);
        Assert.Contains("<meta property=\"og:type\" content=\"article\" />", html);
        Assert.Contains("<meta property=\"og:image\" content=\"https://community.example.com/themes/default/share.png\" />", html);
        Assert.Contains("<meta name=\"twitter:card\" content=\"summary_large_image\" />", html);
        Assert.Contains($"<link rel=\"canonical\" href=\"https://community.example.com{thread.Url}\" />", html);
        Assert.Contains($"https://www.facebook.com/sharer/sharer.php?u={Uri.EscapeDataString("https://community.example.com" + thread.Url)}", html);
        Assert.Contains("https://www.linkedin.com/sharing/share-offsite/?url=", html);
        Assert.DoesNotMatch("<script[^>]+src=\"https?://", html);
        var image = await app.Browser().GetAsync("/themes/default/share.png");
        Assert.Equal("image/png", image.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task The_sitemap_index_and_its_pages_list_every_visible_thread_with_its_last_change()
    {
        var hub = await app.HubAsync();
        var visible = await app.AskAsync(await app.CreateUserAsync(), hub, answers: 1);
        var hidden = await app.AskAsync(await app.CreateUserAsync(), hub);
        var questionId = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Posts.Where(p => p.ThreadId == hidden.Id && p.IsQuestion).Select(p => p.Id)));
        await app.SendAsync(new HidePost.Command(new Actor((await app.CreateUserAsync(role: Roles.Moderator)).Id, true), questionId, "spam", false));

        var index = XDocument.Parse(await (await app.Browser().GetAsync("/sitemap.xml")).Content.ReadAsStringAsync());
        var locs = index.Root!.Elements(Sitemap + "sitemap").Select(s => s.Element(Sitemap + "loc")!.Value).ToList();
        Assert.Contains("https://community.example.com/sitemaps/threads-1.xml", locs);
        Assert.Contains("https://community.example.com/sitemaps/hubs.xml", locs);

        var page = XDocument.Parse(await (await app.Browser().GetAsync("/sitemaps/threads-1.xml")).Content.ReadAsStringAsync());
        var urls = page.Root!.Elements(Sitemap + "url").ToDictionary(u => u.Element(Sitemap + "loc")!.Value, u => u.Element(Sitemap + "lastmod")!.Value);
        Assert.True(DateTimeOffset.TryParse(urls[$"https://community.example.com{visible.Url}"], out _));
        Assert.DoesNotContain($"https://community.example.com{hidden.Url}", urls.Keys);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync("/sitemaps/threads-99.xml")).StatusCode);
        var hubs = XDocument.Parse(await (await app.Browser().GetAsync("/sitemaps/hubs.xml")).Content.ReadAsStringAsync());
        Assert.Contains(hubs.Root!.Descendants(Sitemap + "loc"), l => l.Value == $"https://community.example.com/hubs/{hub.Slug}");

        var robots = await (await app.Browser().GetAsync("/robots.txt")).Content.ReadAsStringAsync();
        Assert.Contains("Sitemap: https://community.example.com/sitemap.xml", robots);
        Assert.Contains("Disallow: /admin/", robots);
    }

    [Fact]
    public async Task Hub_and_solved_feeds_parse_as_atom_and_rss()
    {
        var hub = await app.HubAsync();
        var asker = await app.CreateUserAsync();
        var open = await app.AskAsync(asker, hub, title: "Open feed question & <friends>", body: "Body with \u0001 control char");
        var solved = await app.AskAsync(asker, hub, title: "Solved feed question", answers: 1);
        await app.SendAsync(new MarkSolution.Command(new Actor(asker.Id, false), solved.Id, solved.AnswerIds[0]));

        var atomResponse = await app.Browser().GetAsync($"/hubs/{hub.Slug}/feed.atom");
        Assert.Equal("application/atom+xml", atomResponse.Content.Headers.ContentType!.MediaType);
        var atom = XDocument.Parse(await atomResponse.Content.ReadAsStringAsync());
        var titles = atom.Root!.Elements(Atom + "entry").Select(e => e.Element(Atom + "title")!.Value).ToList();
        Assert.Contains("Open feed question & <friends>", titles);
        Assert.Contains("Solved feed question", titles);
        Assert.Contains(atom.Root.Elements(Atom + "entry").SelectMany(e => e.Elements(Atom + "link")), l => l.Attribute("href")!.Value == $"https://community.example.com{open.Url}");

        var rss = XDocument.Parse(await (await app.Browser().GetAsync($"/hubs/{hub.Slug}/feed.rss")).Content.ReadAsStringAsync());
        Assert.Equal(2, rss.Root!.Element("channel")!.Elements("item").Count());

        var solvedFeed = XDocument.Parse(await (await app.Browser().GetAsync("/feeds/solved.atom")).Content.ReadAsStringAsync());
        var solvedTitles = solvedFeed.Root!.Elements(Atom + "entry").Select(e => e.Element(Atom + "title")!.Value).ToList();
        Assert.Contains("Solved feed question", solvedTitles);
        Assert.DoesNotContain("Open feed question & <friends>", solvedTitles);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync("/hubs/no-such-hub/feed.atom")).StatusCode);
        Assert.Contains($"href=\"/hubs/{hub.Slug}/feed.atom\"", await (await app.Browser().GetAsync($"/hubs/{hub.Slug}")).HtmlAsync());
    }
}
