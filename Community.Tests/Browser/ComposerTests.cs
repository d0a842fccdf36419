using Community.Tests.Support;
using Community.Web.Features.Threads;
using Community.Web.Infrastructure;
using Microsoft.Playwright;

namespace Community.Tests.Browser;

/// <summary>Writing and following in Chromium: images by paste and by keyboard, @mention autocomplete, a new answer arriving live.</summary>
public class ComposerTests(BrowserApp fixture) : BrowserTest(fixture)
{
    [BrowserFact]
    public async Task An_answer_with_a_pasted_image_a_keyboard_chosen_image_and_an_autocompleted_mention()
    {
        var expert = await app.CreateUserAsync("max.expert-" + Guid.NewGuid().ToString("N")[..4]);
        var asker = await app.CreateUserAsync();
        var thread = await app.AskAsync(asker, await app.HubAsync(), "Router zeigt rote LED");
        var page = await app.LoggedInAsync(await app.CreateUserAsync());
        await page.GotoAsync(thread.Url);

        // Paste a screenshot into the answer: it is uploaded and its Markdown inserted.
        await page.FocusAsync("#AnswerBody");
        await page.Keyboard.TypeAsync("So sieht meine LED aus:\n");
        var png = Convert.ToBase64String(TestImages.Png(640, 360));
        await page.EvaluateAsync(@"b64 => {
            const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
            const data = new DataTransfer();
            data.items.add(new File([bytes], 'screenshot.png', { type: 'image/png' }));
            document.getElementById('AnswerBody').dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
        }", png);
        await page.WaitForFunctionAsync("() => /!\\[\\]\\(\\/uploads\\/[0-9a-f]{32}-640x360\\.png\\)/.test(document.getElementById('AnswerBody').value)");

        // The "Add image" button works from the keyboard: Enter opens the file chooser.
        // Chromium opens a file chooser only within a few seconds of the key press (its user-activation window): on a
        // machine busy enough to delay the page that long the press is repeated, at most three times.
        IFileChooser? chooser = null;
        for (var attempt = 1; chooser is null; attempt++)
        {
            try
            {
                chooser = await page.RunAndWaitForFileChooserAsync(() => page.Locator("[data-testid=add-image]").PressAsync("Enter"), new() { Timeout = 10_000 });
            }
            catch (TimeoutException) when (attempt < 3)
            {
            }
        }
        await chooser.SetFilesAsync(new FilePayload { Name = "foto.jpg", MimeType = "image/jpeg", Buffer = TestImages.Jpeg(300, 200) });
        await page.WaitForFunctionAsync("() => /-300x200\\.jpg\\)/.test(document.getElementById('AnswerBody').value)");

        // @ and the start of a name: the listbox offers the person; arrow keys and Enter pick them.
        await page.FocusAsync("#AnswerBody");
        await page.Keyboard.PressAsync("End");
        await page.Keyboard.TypeAsync("Frag @" + expert.Name[..6]);
        await page.WaitForSelectorAsync($"#AnswerBody-mentions [role=option]:has-text('{expert.Name}')");
        Assert.NotNull(await page.GetAttributeAsync("#AnswerBody", "aria-activedescendant"));
        await page.Keyboard.PressAsync("Enter");
        var text = await page.InputValueAsync("#AnswerBody");
        Assert.EndsWith($"Frag @{expert.Name} ", text);
        Assert.True(await page.Locator("#AnswerBody-mentions").IsHiddenAsync());

        // The preview shows the picture and the mention as they will be stored.
        await page.WaitForSelectorAsync("#preview-answer .post-body a.uploaded-image img");
        await page.WaitForSelectorAsync($"#preview-answer .post-body a.mention:has-text('@{expert.Name}')");
        await page.ScreenshotAsync(new() { Path = BrowserApp.Shot("composer-preview-image.png"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = "Post your answer" }).ClickAsync();
        await page.WaitForSelectorAsync(".answer .post-body a.uploaded-image img");
        var img = page.Locator(".answer .post-body a.uploaded-image img").First;
        Assert.True(await img.EvaluateAsync<bool>("i => i.complete && i.naturalWidth > 0"));
        Assert.Equal("360", await img.GetAttributeAsync("height"));
        var told = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Notifications, n => n.UserId == expert.Id));
        Assert.Equal(1, told);
    }

    [BrowserFact]
    public async Task A_reader_sees_a_new_answer_arrive_live_and_the_askers_bell_counts_it()
    {
        var asker = await app.CreateUserAsync();
        var thread = await app.AskAsync(asker, await app.HubAsync(), "Live: WLAN bricht ab");
        // An anonymous reader in one browser context, the signed-in asker in another.
        await using var readerContext = await app.Chromium.NewContextAsync(new() { BaseURL = app.BaseUrl });
        var reader = await readerContext.NewPageAsync();
        reader.PageError += (_, e) => app.BrowserErrors.Enqueue("reader: " + e);
        await reader.GotoAsync(thread.Url);
        var askerPage = await app.LoggedInAsync(asker);
        await askerPage.GotoAsync("/");
        // Both pages say when they listen; only then is the answer written.
        await reader.WaitForSelectorAsync("html[data-live=connected]");
        await askerPage.WaitForSelectorAsync("html[data-live=connected]");
        Assert.True(await reader.Locator("[data-testid=live-notice]").IsHiddenAsync());

        var helper = await app.CreateUserAsync();
        var answerId = await app.SendAsync(new Answer.Command(new Actor(helper.Id, false), thread.Id, "Kanal 1, 6 oder 11 probieren."));

        var notice = reader.Locator("[data-testid=live-notice] a");
        await notice.WaitForAsync();
        Assert.Equal("1 new answer – show", await notice.TextContentAsync());
        await askerPage.WaitForSelectorAsync("[data-testid=notifications] .unread-count:has-text('1')");
        await reader.ScreenshotAsync(new() { Path = BrowserApp.Shot("live-update.png") });

        await notice.ClickAsync();
        await reader.WaitForSelectorAsync($"#post-{answerId}");

        // The user card opens on keyboard focus of a name, describes it, and Escape closes it.
        await reader.FocusAsync($"#post-{answerId} a.author");
        var card = reader.Locator("#user-card[role=tooltip]");
        await card.WaitForAsync();
        Assert.Contains(helper.Name, await card.TextContentAsync());
        Assert.Equal("user-card", await reader.GetAttributeAsync($"#post-{answerId} a.author", "aria-describedby"));
        await reader.Keyboard.PressAsync("Escape");
        await card.WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }
}
