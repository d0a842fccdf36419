using System.Net;
using Community.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Community.Tests.Features;

/// <summary>An operator who brands the site and forces the high-contrast theme.</summary>
public sealed class BrandedApp : CommunityApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Theme:Default", "high-contrast");
        builder.UseSetting("Brand:SiteName", "A1 Community");
        builder.UseSetting("Brand:LogoUrl", "/themes/default/share.png");
        builder.UseSetting("Brand:PrimaryColor", "#da291c");
        builder.UseSetting("Brand:PrimaryDarkColor", "red;} body{display:none");
    }
}

public class ThemeTests(CommunityApp app) : IClassFixture<CommunityApp>
{
    [Fact]
    public async Task A_visitor_switches_to_the_dark_theme_and_back_and_it_is_remembered()
    {
        var browser = app.Browser();
        Assert.Contains("href=\"/themes/default/theme.css?v=", await (await browser.GetAsync("/")).HtmlAsync());
        var switched = await browser.PostFormAsync("/theme", new() { ["theme"] = "dark", ["returnUrl"] = "/leaderboard" }, "/");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/leaderboard", switched.Headers.Location!.OriginalString);
        var page = await (await browser.GetAsync("/leaderboard")).HtmlAsync();
        Assert.Contains("href=\"/themes/dark/theme.css?v=", page);
        Assert.Contains(">Light theme<", page);
        await browser.PostFormAsync("/theme", new() { ["theme"] = "default" }, "/");
        Assert.Contains("href=\"/themes/default/theme.css?v=", await (await browser.GetAsync("/")).HtmlAsync());

        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostFormAsync("/theme", new() { ["theme"] = "high-contrast" }, "/")).StatusCode);
        var offsite = await browser.PostFormAsync("/theme", new() { ["theme"] = "dark", ["returnUrl"] = "https://evil.example/" }, "/");
        Assert.Equal("/", offsite.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/themes/dark/theme.css")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/themes/high-contrast/theme.css")).StatusCode);
    }
}

public class BrandingTests(BrandedApp app) : IClassFixture<BrandedApp>
{
    [Fact]
    public async Task The_operators_name_logo_colour_and_high_contrast_theme_apply_to_everyone()
    {
        var browser = app.Browser();
        var page = await (await browser.GetAsync("/")).HtmlAsync();
        Assert.Contains("href=\"/themes/high-contrast/theme.css?v=", page);
        Assert.Contains("<title>A1 Community</title>", page);
        Assert.Matches("<a class=\"brand\" href=\"/\">\\s*<img src=\"/themes/default/share.png\" alt=\"\" class=\"logo\" />\\s*A1 Community</a>", page);
        Assert.Contains("<link rel=\"stylesheet\" href=\"/brand.css\" />", page);
        Assert.Contains("--brand: #da291c;", await (await browser.GetAsync("/brand.css")).Content.ReadAsStringAsync());
        Assert.DoesNotContain("display:none", page);
        Assert.DoesNotContain("Dark theme", page);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostFormAsync("/theme", new() { ["theme"] = "dark" }, "/account/login")).StatusCode);
    }

    [Fact]
    public async Task Notification_mail_carries_the_operators_site_name()
    {
        var asker = await app.CreateUserAsync();
        var helper = await app.CreateUserAsync();
        await app.AskAsync(asker, await app.HubAsync(), title: "Roaming in der Schweiz", answers: 1, answerer: helper);
        var subject = await app.WithDbAsync(db => db.OutgoingMails.Where(m => m.UserId == asker.Id).Select(m => m.Subject).SingleAsync());
        Assert.Equal($"A1 Community: {helper.Name} answered your question \"Roaming in der Schweiz\".", subject);
    }
}
