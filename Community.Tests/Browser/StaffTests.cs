using Community.Domain.Moderation;
using Community.Tests.Support;
using Community.Web.Data;
using Community.Web.Features.Moderation;
using Community.Web.Infrastructure;
using Microsoft.Playwright;

namespace Community.Tests.Browser;

/// <summary>Staff work in the browser: an admin sets up a webhook, a moderator works the queue and escalates.</summary>
public class StaffTests(BrowserApp fixture) : BrowserTest(fixture)
{
    [BrowserFact]
    public async Task An_admin_adds_a_webhook_endpoint_and_gets_its_secret_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var page = await app.LoggedInAsync(await app.CreateUserAsync(role: Roles.Admin));
        await page.GetByRole(AriaRole.Link, new() { Name = "Webhooks" }).ClickAsync();
        await page.FillAsync("#Url", "http://169.254.169.254/latest");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add endpoint" }).ClickAsync();
        await page.WaitForSelectorAsync("text=Link-local and cloud metadata addresses are not allowed");

        await page.FillAsync("#Url", receiver.Url);
        await page.FillAsync("#Description", "CRM points");
        await page.CheckAsync("input[value='reputation.credited']");
        await page.CheckAsync("input[value='reputation.debited']");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add endpoint" }).ClickAsync();
        var secret = await page.InnerTextAsync("[data-testid=new-secret]");
        Assert.StartsWith("whsec_", secret);
        await page.ScreenshotAsync(new() { Path = BrowserApp.Shot("admin-webhook-endpoint.png"), FullPage = true });

        await page.ReloadAsync();
        Assert.Equal(0, await page.Locator("[data-testid=new-secret]").CountAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Send test event" }).ClickAsync();
        await page.WaitForSelectorAsync("text=Test event msg_");
    }

    [BrowserFact]
    public async Task A_moderator_hides_a_flagged_post_from_the_queue_and_escalates_a_thread()
    {
        var hub = await app.HubAsync();
        var asker = await app.CreateUserAsync();
        var thread = await app.AskAsync(asker, hub, title: "Kein Internet seit dem Gewitter", body: "Die Box blinkt rot.", answers: 1);
        var flagger = await app.CreateUserAsync(role: Roles.Moderator);
        await app.SendAsync(new FlagPost.Command(new Actor(flagger.Id, true), thread.AnswerIds[0], FlagReason.Spam, "Werbung für einen Shop"));

        var page = await app.LoggedInAsync(await app.CreateUserAsync(role: Roles.Moderator));
        await page.GetByRole(AriaRole.Link, new() { Name = "Moderation" }).ClickAsync();
        await page.WaitForSelectorAsync("text=Werbung für einen Shop");
        await page.ScreenshotAsync(new() { Path = BrowserApp.Shot("moderation-queue.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove as spam" }).ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=queue-empty]");

        await page.GotoAsync(thread.Url);
        await page.ClickAsync("details.escalate summary");
        await page.FillAsync("#EscalationNote", "Leitung prüfen, vermutlich Überspannungsschaden");
        await page.SelectOptionAsync("#EscalationPriority", "High");
        await page.GetByRole(AriaRole.Button, new() { Name = "Escalate to support" }).ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=escalation-status]");
        Assert.Contains("Our support team is looking into this", await page.InnerTextAsync("[data-testid=escalation-status]"));
        Assert.Contains("Hidden by a moderator", await page.ContentAsync());
        await page.ScreenshotAsync(new() { Path = BrowserApp.Shot("escalated-thread.png"), FullPage = true });
    }

    [BrowserFact]
    public async Task A_manager_sees_the_months_saved_contacts_and_euros_as_charts()
    {
        var hub = await app.HubAsync();
        var asker = await app.CreateUserAsync();
        var thread = await app.AskAsync(asker, hub, title: "Dashboard chart thread", answers: 1);
        await app.SendAsync(new Community.Web.Features.Threads.MarkSolution.Command(new Actor(asker.Id, false), thread.Id, thread.AnswerIds[0]));
        var calendar = app.Services.GetService(typeof(Community.Domain.Reputation.CommunityCalendar)) as Community.Domain.Reputation.CommunityCalendar;
        await app.WithDbAsync(async db =>
        {
            for (var d = 0; d < 300; d += 3)
                db.ThreadViewsDaily.Add(new Community.Web.Features.Dashboard.ThreadViewsDaily
                {
                    ThreadId = thread.Id, HubId = hub.Id, Day = calendar!.DayKey(DateTimeOffset.UtcNow.AddDays(-d)), Views = 2000 + (d * 37 % 900),
                });
            await db.SaveChangesAsync();
        });
        var page = await app.LoggedInAsync(await app.CreateUserAsync(role: Roles.Admin));
        await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard", Exact = true }).ClickAsync();
        await page.WaitForSelectorAsync("svg.chart");
        Assert.Equal(3, await page.Locator("svg.chart").CountAsync());
        Assert.NotEqual("0 EUR", await page.InnerTextAsync("[data-testid=saved]"));
        await page.ScreenshotAsync(new() { Path = BrowserApp.Shot("dashboard.png"), FullPage = true });
    }

    [BrowserFact]
    public async Task Each_theme_and_a_phone_layout_render_a_thread()
    {
        var asker = await app.CreateUserAsync();
        var thread = await app.AskAsync(asker, await app.HubAsync("theme-hub", "WLAN Box"), title: "WLAN bricht abends ab", body: "Jeden Abend um 20 Uhr ist das **WLAN** weg.", answers: 2);
        await app.SendAsync(new Community.Web.Features.Threads.MarkSolution.Command(new Actor(asker.Id, false), thread.Id, thread.AnswerIds[0]));
        var page = await app.NewPageAsync(new() { BaseURL = app.BaseUrl });
        await page.GotoAsync(thread.Url);
        await page.ScreenshotAsync(new() { Path = BrowserApp.Shot("theme-default.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Dark theme" }).ClickAsync();
        await page.WaitForSelectorAsync("link[href^='/themes/dark/theme.css']", new() { State = WaitForSelectorState.Attached });
        // The new page's link is there before its stylesheet has arrived; the load event waits for the stylesheet.
        await page.WaitForLoadStateAsync(LoadState.Load);
        Assert.Equal("rgb(21, 23, 26)", await page.EvaluateAsync<string>("getComputedStyle(document.documentElement).backgroundColor"));
        await page.ScreenshotAsync(new() { Path = BrowserApp.Shot("theme-dark.png"), FullPage = true });
        // The operator's high-contrast theme, swapped in for the screenshot.
        await page.EvaluateAsync("document.querySelector('[data-testid=theme]').href = '/themes/high-contrast/theme.css'");
        await page.WaitForFunctionAsync("() => getComputedStyle(document.documentElement).backgroundColor === 'rgb(255, 255, 255)'");
        await page.ScreenshotAsync(new() { Path = BrowserApp.Shot("theme-high-contrast.png"), FullPage = true });

        var phone = await app.NewPageAsync(new() { BaseURL = app.BaseUrl, ViewportSize = new() { Width = 390, Height = 844 } });
        await phone.GotoAsync(thread.Url);
        Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth + 1"), "no sideways scrolling on a phone");
        await phone.ScreenshotAsync(new() { Path = BrowserApp.Shot("phone.png"), FullPage = true });
    }

    [BrowserFact]
    public async Task A_customer_with_a_German_browser_reads_a_thread_in_German_and_switches_to_English()
    {
        var asker = await app.CreateUserAsync();
        var thread = await app.AskAsync(asker, await app.HubAsync("sprache-hub", "Handys"), title: "Akku hält nur einen halben Tag",
            body: "Seit dem Update ist der **Akku** am Nachmittag leer.");
        await app.SendAsync(new Community.Web.Features.Threads.Answer.Command(new Actor((await app.CreateUserAsync()).Id, false), thread.Id,
            "Schalte unter *Einstellungen › Batterie* die Hintergrundaktualisierung für Apps aus, die du selten brauchst."));
        var page = await app.NewPageAsync(new() { BaseURL = app.BaseUrl, Locale = "de-AT" });
        await page.GotoAsync(thread.Url);
        Assert.Equal("de", await page.GetAttributeAsync("html", "lang"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Frage stellen" }).WaitForAsync();
        await page.ScreenshotAsync(new() { Path = BrowserApp.Shot("german-thread.png"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await page.WaitForSelectorAsync("html[lang=en]");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ask a question" }).WaitForAsync();
        Assert.EndsWith(thread.Url, page.Url);
    }
}
