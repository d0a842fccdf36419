using Community.Tests.Support;
using Community.Web.Data;
using Community.Web.Features.Threads;
using Community.Web.Infrastructure;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

#if !POSTGRES
namespace Community.Tests.Browser;

/// <summary>
/// Every page a visitor, customer, moderator and admin reaches: no sideways scrolling at 320 and 390 px, and no
/// critical or serious axe-core violation in either theme or language. (Run by the SQLite build only: the pages are the same on PostgreSQL.)
/// </summary>
public class PhoneAndAccessibilityTests(BrowserApp fixture) : BrowserTest(fixture)
{
    private sealed record Site(string[] Visitor, string[] Customer, string[] Moderator, string[] Admin, TestUser CustomerUser, TestUser ModeratorUser, TestUser AdminUser);

    private Site? _site;

    private async Task<Site> SiteAsync()
    {
        if (_site is not null) return _site;
        var hub = await app.HubAsync("phone-hub-" + Guid.NewGuid().ToString("N")[..4], "Internet & Router");
        var customer = await app.CreateUserAsync();
        var helper = await app.CreateUserAsync();
        var moderator = await app.CreateUserAsync(role: Roles.Moderator);
        var admin = await app.CreateUserAsync(role: Roles.Admin);
        var png = await app.WithScopeAsync(async sp =>
        {
            var image = sp.GetRequiredService<Community.Web.Features.Uploads.ImageProcessor>().ForPost(TestImages.Png(1200, 700));
            return await sp.GetRequiredService<Community.Web.Features.Uploads.UploadKeeper>().KeepAsync(new Actor(helper.Id, false), image, Community.Web.Features.Uploads.UploadPurpose.Post, default);
        });
        var thread = await app.SendAsync(new Ask.Command(new Actor(customer.Id, false), hub.Slug,
            "Sehr langer Titel einer Frage zum Router der Marke Superlangername-Modellbezeichnung-2000 mit Problemen",
            "Mein Router zeigt `https://192.168.0.1/cgi-bin/superlange/konfigurationsseite/mit/vielen/teilen` nicht an.\n\n| Spalte A | Spalte B | Spalte C | Spalte D |\n|:--|--:|:-:|---|\n| ein sehr langer Zellinhalt | 12345678901234567890 | mitte | ende |\n\n```\neine sehr lange Codezeile ohne Umbruch die weit über den Bildschirmrand hinausgeht und scrollen muss\n```",
            "wlan, router"));
        await app.SendAsync(new Answer.Command(new Actor(helper.Id, false), thread.Id, $"So sieht es bei mir aus @{customer.Name}:\n\n![LEDs]({png.Url})"));
        var t = thread.Url;
        _site = new Site(
            ["/", $"/hubs/{hub.Slug}", t, "/tags/wlan", "/search?q=router", "/leaderboard", "/hall-of-fame", $"/u/{helper.Name}", "/account/login", "/account/register", $"/posts/{thread.Id}/history"],
            ["/ask", t, "/notifications", "/bookmarks", "/account/settings", $"/u/{customer.Name}/questions", "/account/data"],
            ["/moderation", "/moderation/alerts", "/queue", "/escalations", "/moderation/log", t],
            ["/dashboard", "/admin/webhooks", "/admin/hubs", $"/admin/hubs/{hub.Id}"],
            customer, moderator, admin);
        return _site;
    }

    private async Task<IBrowserContext> ContextAsync(TestUser? user, int width, string theme = "default", string language = "en")
    {
        var context = await app.Chromium.NewContextAsync(new() { BaseURL = app.BaseUrl, ViewportSize = new() { Width = width, Height = 800 } });
        var host = new Uri(app.BaseUrl).Host;
        await context.AddCookiesAsync([
            new Cookie { Name = Community.Web.Infrastructure.Branding.CookieName, Value = theme, Domain = host, Path = "/" },
            new Cookie { Name = Community.Web.Infrastructure.Localization.Languages.CookieName, Value = language, Domain = host, Path = "/" },
        ]);
        if (user is not null)
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync("/account/login");
            await page.FillAsync("#Login", user.Name);
            await page.FillAsync("#Password", TestUser.Password);
            await page.Locator("form.auth-form button[type=submit]").ClickAsync();
            await page.WaitForSelectorAsync("[data-testid=me]");
            await page.CloseAsync();
        }
        return context;
    }

    private async Task<IEnumerable<(TestUser? User, string Url)>> EveryPageAsync()
    {
        var site = await SiteAsync();
        return site.Visitor.Select(u => ((TestUser?)null, u))
            .Concat(site.Customer.Select(u => ((TestUser?)site.CustomerUser, u)))
            .Concat(site.Moderator.Select(u => ((TestUser?)site.ModeratorUser, u)))
            .Concat(site.Admin.Select(u => ((TestUser?)site.AdminUser, u)));
    }

    [BrowserFact]
    public async Task No_page_scrolls_sideways_on_a_phone_of_320_or_390_pixels()
    {
        var wide = new List<string>();
        foreach (var width in new[] { 320, 390 })
            foreach (var group in (await EveryPageAsync()).GroupBy(p => p.User))
            {
                await using var context = await ContextAsync(group.Key, width);
                var page = await context.NewPageAsync();
                foreach (var (_, url) in group)
                {
                    await page.GotoAsync(url);
                    var scroll = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
                    if (scroll <= width) continue;
                    // Name the innermost elements that stick out, so the message says what to fix.
                    var culprits = await page.EvaluateAsync<string[]>(@"w => [...document.querySelectorAll('body *')]
                        .filter(e => (e.getBoundingClientRect().right > w + 1 || e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'visible')
                            && ![...e.children].some(c => c.getBoundingClientRect().right > w + 1))
                        .slice(0, 4).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : '') + ' ' + Math.round(e.getBoundingClientRect().right))", width);
                    wide.Add($"{url} at {width} px is {scroll} px wide: {string.Join(", ", culprits)}");
                }
                if (width == 390 && group.Key is null)
                {
                    await page.GotoAsync(group.First(p => p.Url.StartsWith("/t/")).Url);
                    await page.ScreenshotAsync(new() { Path = BrowserApp.Shot("thread-phone.png"), FullPage = true });
                }
            }
        // The dashboard's figures fit a 1280 px screen without scrolling their region.
        await using (var desk = await ContextAsync((await SiteAsync()).AdminUser, 1280))
        {
            var page = await desk.NewPageAsync();
            await page.GotoAsync("/dashboard");
            var (table, region) = (await page.EvaluateAsync<int>("() => document.querySelector('[data-testid=figures]').getBoundingClientRect().width"),
                await page.EvaluateAsync<int>("() => document.querySelector('[data-testid=figures]').parentElement.clientWidth"));
            if (table > region) wide.Add($"/dashboard at 1280 px: the figures table is {table} px in a {region} px region");
        }
        Assert.True(wide.Count == 0, string.Join(Environment.NewLine, wide));
    }

    [BrowserFact]
    public async Task Axe_finds_no_critical_or_serious_violation_on_any_page_in_each_theme_and_language()
    {
        var found = new List<string>();
        foreach (var (theme, language) in new[] { ("default", "en"), ("dark", "de"), ("dark", "en"), ("default", "de") })
            foreach (var group in (await EveryPageAsync()).GroupBy(p => p.User))
            {
                await using var context = await ContextAsync(group.Key, 1280, theme, language);
                var page = await context.NewPageAsync();
                foreach (var (_, url) in group.DistinctBy(p => p.Url))
                {
                    await page.GotoAsync(url);
                    // The composer with its preview open, as a writer sees it.
                    if (await page.Locator("textarea[data-preview]").CountAsync() > 0)
                    {
                        await page.FillAsync("textarea[data-preview]", "**Vorschau** mit `Code` und einer Liste:\n\n- eins\n- zwei");
                        await page.WaitForSelectorAsync(".preview:not([hidden]) .post-body strong");
                    }
                    var result = await page.RunAxe();
                    foreach (var v in result.Violations.Where(v => v.Impact is "critical" or "serious"))
                        found.Add($"{theme}/{language} {url}: {v.Impact} {v.Id} – {v.Help} ({string.Join(" | ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))})");
                }
            }
        Assert.True(found.Count == 0, string.Join(Environment.NewLine, found));
    }
}
#endif
