using System.Net;
using Community.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Community.Tests.Browser;

/// <summary>The app on a real Kestrel port on 127.0.0.1, driven by headless Debian Chromium through Playwright.</summary>
public sealed class BrowserApp : CommunityApp, IAsyncLifetime
{
    private IPlaywright? _playwright;
    public IBrowser Chromium { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public BrowserApp() => UseKestrel(o => o.Listen(IPAddress.Loopback, 0));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // As on a laptop without a mail relay: the confirmation link is shown on the page.
        builder.UseSetting("Mail:ShowConfirmationLinkOnPage", "true");
    }

    public async Task InitializeAsync()
    {
        if (!File.Exists(BrowserFactAttribute.ChromiumPath)) return;
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _playwright = await Playwright.CreateAsync();
        Chromium = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = BrowserFactAttribute.ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu"],
        });
    }

    /// <summary>Everything the browser reported as blocked by the Content-Security-Policy, or as a script error, on any page.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> BrowserErrors { get; } = new();

    /// <summary>A new page that records CSP violations and script errors (the CSP is enforced: a violation fails the test).</summary>
    public async Task<IPage> NewPageAsync(BrowserNewPageOptions options)
    {
        var page = await Chromium.NewPageAsync(options);
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && (message.Text.Contains("Content Security Policy") || message.Text.Contains("Refused to")))
                BrowserErrors.Enqueue($"{page.Url}: {message.Text}");
        };
        page.PageError += (_, error) => BrowserErrors.Enqueue($"{page.Url}: script error {error}");
        return page;
    }

    /// <summary>Where a browser test saves a screenshot (copied to docs/screenshots when looked at).</summary>
    public static string Shot(string name)
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name);
    }

    /// <summary>A new page, signed in as <paramref name="user"/> through the login form.</summary>
    public async Task<IPage> LoggedInAsync(TestUser user, BrowserNewPageOptions? options = null)
    {
        options ??= new();
        options.BaseURL = BaseUrl;
        var page = await NewPageAsync(options);
        await page.GotoAsync("/account/login");
        await page.FillAsync("#Login", user.Name);
        await page.FillAsync("#Password", TestUser.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=me]");
        return page;
    }

    public void AssertNoBrowserErrors() => Assert.True(BrowserErrors.IsEmpty, string.Join(Environment.NewLine, BrowserErrors));

    public new async Task DisposeAsync()
    {
        if (_playwright is not null)
        {
            await Chromium.DisposeAsync();
            _playwright.Dispose();
        }
        await base.DisposeAsync();
    }
}
