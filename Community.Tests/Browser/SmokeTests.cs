using Community.Tests.Support;
using Microsoft.Playwright;

namespace Community.Tests.Browser;

public class SmokeTests(BrowserApp fixture) : BrowserTest(fixture)
{
    private static async Task LogInAsync(IPage page, string name, string password)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Log in" }).First.ClickAsync();
        await page.FillAsync("#Login", name);
        await page.FillAsync("#Password", password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=me]");
    }

    private static async Task LogOutAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await page.WaitForSelectorAsync("text=Log in");
    }

    [BrowserFact]
    public async Task A_customer_registers_asks_gets_an_answer_and_accepts_it()
    {
        var hub = await app.HubAsync("wlan-box", "WLAN Box");
        var helper = await app.CreateUserAsync();
        var page = await app.NewPageAsync(new() { BaseURL = app.BaseUrl });

        // Register and confirm.
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Register" }).ClickAsync();
        await page.FillAsync("#UserName", "browser.anna");
        await page.FillAsync("#Email", "browser.anna@example.com");
        await page.FillAsync("#Password", "Browser123");
        await page.FillAsync("#ConfirmPassword", "Browser123");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await page.ClickAsync("#confirm-link");
        await page.FillAsync("#Password", "Browser123");
        await page.ClickAsync("#confirm-button");
        Assert.Contains("Your email address is confirmed", await page.ContentAsync());

        // Ask.
        await LogInAsync(page, "browser.anna", "Browser123");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ask a question" }).ClickAsync();
        await page.SelectOptionAsync("#Hub", hub.Slug);
        await page.FillAsync("#Title", "WLAN bricht abends ständig ab");
        await page.FillAsync("#Body", "Jeden Abend um 20 Uhr ist das **WLAN** weg.");
        await page.FillAsync("#Tags", "wlan");
        await page.GetByRole(AriaRole.Button, new() { Name = "Post your question" }).ClickAsync();
        await page.WaitForSelectorAsync("h1:has-text('WLAN bricht abends ständig ab')");
        var threadUrl = page.Url;
        await LogOutAsync(page);

        // Another customer answers.
        await page.GotoAsync(threadUrl);
        await LogInAsync(page, helper.Name, TestUser.Password);
        await page.GotoAsync(threadUrl);
        await page.FillAsync("#AnswerBody", "Stell den WLAN-Kanal auf *automatisch*.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Post your answer" }).ClickAsync();
        await page.WaitForSelectorAsync(".post.answer em:has-text('automatisch')");
        await LogOutAsync(page);

        // The asker accepts it: it is pinned as the solution and the thread shows as solved.
        await LogInAsync(page, "browser.anna", "Browser123");
        await page.GotoAsync(threadUrl);
        await page.GetByRole(AriaRole.Button, new() { Name = "✓ Mark as solution" }).ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=solved]");
        var solution = await page.InnerTextAsync(".solution");
        Assert.Contains("Accepted solution", solution);
        Assert.Contains("Stell den WLAN-Kanal auf automatisch.", solution);
        Assert.Contains(helper.Name, solution);

        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "solved-thread.png"), FullPage = true });
    }

    [BrowserFact]
    public async Task Similar_questions_are_suggested_while_typing_the_title()
    {
        var hub = await app.HubAsync();
        var asker = await app.CreateUserAsync();
        await app.AskAsync(asker, hub, "Fernbedienung koppelt nicht mit der TV Box");
        var page = await app.NewPageAsync(new() { BaseURL = app.BaseUrl });
        await page.GotoAsync("/");
        await LogInAsync(page, asker.Name, TestUser.Password);
        await page.GotoAsync("/ask");
        await page.FillAsync("#Title", "Fernbedienung koppeln");
        await page.WaitForSelectorAsync("#similar a:has-text('Fernbedienung koppelt nicht')");
    }

    [BrowserFact]
    public async Task The_composer_shows_a_live_preview_rendered_by_the_server_under_the_strict_csp()
    {
        var hub = await app.HubAsync();
        var asker = await app.CreateUserAsync();
        var page = await app.NewPageAsync(new() { BaseURL = app.BaseUrl });
        await page.GotoAsync("/");
        await LogInAsync(page, asker.Name, TestUser.Password);
        await page.GotoAsync($"/ask?hub={hub.Slug}");
        await page.FillAsync("#Body", "Die **LED** blinkt <script>document.title='x'</script>\n\n- rot\n- grün");
        await page.WaitForSelectorAsync("#preview-body .post-body strong:has-text('LED')");
        Assert.Equal(2, await page.Locator("#preview-body .post-body li").CountAsync());
        Assert.Equal(0, await page.Locator("#preview-body script").CountAsync());
        Assert.NotEqual("x", await page.TitleAsync());
        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "composer-preview.png"), FullPage = true });
    }

    [BrowserFact]
    public async Task The_leaderboard_hub_picker_and_the_two_factor_setup_work_under_the_strict_csp()
    {
        var hub = await app.HubAsync("csp-hub", "CSP Hub");
        var user = await app.CreateUserAsync();
        var page = await app.NewPageAsync(new() { BaseURL = app.BaseUrl });
        await page.GotoAsync("/leaderboard");
        // Waiting starts before the pick, so a quick navigation cannot slip past the wait.
        await Task.WhenAll(page.WaitForURLAsync("**/leaderboard/csp-hub?period=*"), page.SelectOptionAsync("#hub-pick", hub.Slug));
        Assert.Contains("/leaderboard/csp-hub", page.Url);

        await page.GotoAsync("/");
        await LogInAsync(page, user.Name, TestUser.Password);
        await page.GotoAsync("/account/two-factor");
        var qr = page.Locator("img[alt='QR code for your authenticator app']");
        Assert.True(await qr.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "two-factor-setup.png"), FullPage = true });
    }
}
