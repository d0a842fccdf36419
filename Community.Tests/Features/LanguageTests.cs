using System.Net;
using System.Text.RegularExpressions;
using Community.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Tests.Features;

/// <summary>German and English UI: the person's stored choice, else the cookie, else the browser's Accept-Language.</summary>
public class LanguageTests(CommunityApp app) : IClassFixture<CommunityApp>
{
    private HttpClient BrowserSpeaking(string acceptLanguage)
    {
        var client = app.Browser();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        return client;
    }

    [Theory]
    [InlineData("de-AT,de;q=0.9,en;q=0.5", "de", "Frage stellen", "Ask a question")]
    [InlineData("de-DE", "de", "Frage stellen", "Ask a question")]
    [InlineData("en-GB,en;q=0.9", "en", "Ask a question", "Frage stellen")]
    [InlineData("fr-FR,fr;q=0.9", "en", "Ask a question", "Frage stellen")]
    [InlineData("", "en", "Ask a question", "Frage stellen")]
    public async Task The_browsers_language_chooses_the_UI_language(string acceptLanguage, string lang, string shown, string notShown)
    {
        var response = await BrowserSpeaking(acceptLanguage).GetAsync("/");
        var html = await response.HtmlAsync();
        Assert.Contains($"<html lang=\"{lang}\">", html);
        Assert.Contains($">{shown}<", html);
        Assert.DoesNotContain($">{notShown}<", html);
        Assert.Equal(lang, response.Content.Headers.ContentLanguage.Single());
        Assert.Contains("Accept-Language", response.Headers.Vary);
        Assert.Contains("Cookie", response.Headers.Vary);
    }

    [Fact]
    public async Task A_visitor_switches_the_language_and_the_choice_beats_the_browser_until_reset()
    {
        var browser = BrowserSpeaking("de-AT");
        Assert.Contains(">Rangliste<", await (await browser.GetAsync("/leaderboard")).HtmlAsync());

        var switched = await browser.PostFormAsync("/language", new() { ["lang"] = "en", ["returnUrl"] = "/leaderboard?period=month" }, "/");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/leaderboard?period=month", switched.Headers.Location!.OriginalString);
        var english = await (await browser.GetAsync("/leaderboard")).HtmlAsync();
        Assert.Contains("<html lang=\"en\">", english);
        Assert.Contains(">Leaderboard<", english);
        // The switcher offers the other language by its own name and marks the current one.
        Assert.Contains("<button type=\"submit\" name=\"lang\" value=\"de\" lang=\"de\" class=\"link\">Deutsch</button>", english);
        Assert.Contains("<strong lang=\"en\" aria-current=\"true\">English</strong>", english);

        await browser.PostFormAsync("/language", new() { ["lang"] = "auto" }, "/");
        Assert.Contains(">Rangliste<", await (await browser.GetAsync("/leaderboard")).HtmlAsync());
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("")]
    [InlineData("de-AT")]
    public async Task An_unknown_language_is_refused_with_a_reason(string lang)
    {
        var response = await app.Browser().PostFormAsync("/language", new() { ["lang"] = lang }, "/");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Choose one of: de, en or auto.", await response.HtmlAsync());
    }

    [Fact]
    public async Task The_switch_only_redirects_within_the_site()
    {
        var response = await app.Browser().PostFormAsync("/language", new() { ["lang"] = "de", ["returnUrl"] = "https://evil.example/" }, "/");
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_signed_in_persons_choice_is_stored_and_follows_them_to_another_device()
    {
        var user = await app.CreateUserAsync();
        var laptop = await app.LoginAsync(user);
        laptop.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");
        await laptop.PostFormAsync("/language", new() { ["lang"] = "de" }, "/");
        Assert.Equal("de", await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.Language).SingleAsync()));

        // A phone with an English browser and no cookie: the stored choice wins once the person logs in.
        var phone = await app.LoginAsync(user);
        phone.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");
        var page = await (await phone.GetAsync("/")).HtmlAsync();
        Assert.Contains("<html lang=\"de\">", page);
        Assert.Contains(">Abmelden<", page);

        await phone.PostFormAsync("/language", new() { ["lang"] = "auto" }, "/");
        Assert.Null(await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.Language).SingleAsync()));
        Assert.Contains(">Log out<", await (await phone.GetAsync("/")).HtmlAsync());
    }

    [Fact]
    public async Task Notifications_and_their_mail_come_in_the_readers_language()
    {
        var hub = await app.HubAsync();
        var asker = await app.CreateUserAsync();
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == asker.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Language, "de")));
        var helper = await app.CreateUserAsync();
        await app.AskAsync(asker, hub, title: "WLAN bricht dauernd ab", answers: 1, answerer: helper);

        // The answerer's request was English; the mail is in the asker's language, and names who answered.
        var mail = await app.WithDbAsync(db => db.OutgoingMails.Where(m => m.UserId == asker.Id).SingleAsync());
        Assert.Equal($"Community: {helper.Name} hat deine Frage \"WLAN bricht dauernd ab\" beantwortet.", mail.Subject);
        Assert.Contains($"<p>Hallo {asker.Name},</p>", mail.HtmlBody);
        Assert.Contains(">alle Benachrichtigungs-Mails abbestellen</a>", mail.HtmlBody);

        var client = await app.LoginAsync(asker);
        Assert.Contains($"{helper.Name} hat deine Frage &quot;WLAN bricht dauernd ab&quot; beantwortet.", await (await client.GetAsync("/notifications")).HtmlAsync());
        await client.PostFormAsync("/language", new() { ["lang"] = "en" }, "/");
        Assert.Contains($"{helper.Name} answered your question &quot;WLAN bricht dauernd ab&quot;.", await (await client.GetAsync("/notifications")).HtmlAsync());
    }

    [Fact]
    public async Task Form_and_identity_messages_on_the_sign_up_form_are_in_the_visitors_language()
    {
        var visitor = BrowserSpeaking("de-AT");
        var tooShort = await (await visitor.PostFormAsync("/account/register",
            new() { ["UserName"] = "kurzespasswort", ["Email"] = "kurz@example.com", ["Password"] = "kurz1", ["ConfirmPassword"] = "kurz1" })).HtmlAsync();
        Assert.Contains(German("The password must be at least 8 characters long."), tooShort);

        var taken = await app.CreateUserAsync();
        var duplicate = await (await visitor.PostFormAsync("/account/register",
            new() { ["UserName"] = taken.Name, ["Email"] = "neu@example.com", ["Password"] = "lang-genug-1", ["ConfirmPassword"] = "lang-genug-1" })).HtmlAsync();
        Assert.Contains($"Der Benutzername &quot;{taken.Name}&quot; ist bereits vergeben.", duplicate);
        Assert.DoesNotContain("is already taken", duplicate);
    }

    private static string German(string english)
    {
        using var _ = Community.Web.Infrastructure.Localization.Languages.Use("de");
        var german = TranslationCoverageTests.Translate(english);
        Assert.NotEqual(english, german);
        return german;
    }

    [Theory]
    [InlineData("de-AT", "05.03.2026 15:07")]
    [InlineData("en-GB", "05/03/2026 15:07")]
    [InlineData("en-US", "3/5/2026 3:07 PM")]
    public async Task Times_are_shown_in_the_communitys_zone_in_the_readers_format(string acceptLanguage, string shown)
    {
        var thread = await app.AskAsync(await app.CreateUserAsync(), await app.HubAsync());
        var at = new DateTimeOffset(2026, 3, 5, 14, 7, 0, TimeSpan.Zero);
        await app.WithDbAsync(db => db.Posts.Where(p => p.ThreadId == thread.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.CreatedAt, at)));
        var html = (await (await BrowserSpeaking(acceptLanguage).GetAsync(thread.Url)).HtmlAsync()).Replace('\u202f', ' ');
        Assert.Contains($"<time datetime=\"2026-03-05T14:07:00Z\">{shown}</time>", html);
    }

    [Theory]
    [InlineData("de-DE", "12.345")]
    [InlineData("de-AT", null)] // ICU's Austrian group separator, a no-break space
    [InlineData("en-GB", "12,345")]
    public async Task Numbers_are_grouped_the_way_the_reader_writes_them(string acceptLanguage, string? shown)
    {
        if (shown is null)
        {
            shown = 12345.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo(acceptLanguage));
            Assert.DoesNotContain(shown, (string[])["12345", "12.345", "12,345"]);
        }
        var person = await app.CreateUserAsync();
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == person.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Reputation, 12345)));
        var html = WebUtility.HtmlDecode(await (await BrowserSpeaking(acceptLanguage).GetAsync($"/u/{person.Name}")).HtmlAsync());
        Assert.Contains($"<strong data-testid=\"reputation\">{shown}</strong>", html);
    }

    [Fact]
    public async Task A_chosen_language_keeps_the_browsers_regional_formats()
    {
        var thread = await app.AskAsync(await app.CreateUserAsync(), await app.HubAsync());
        await app.WithDbAsync(db => db.Posts.Where(p => p.ThreadId == thread.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.CreatedAt, new DateTimeOffset(2026, 3, 5, 14, 7, 0, TimeSpan.Zero))));
        var reader = await app.LoginAsync(await app.CreateUserAsync());
        reader.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-GB,en;q=0.9");
        await reader.PostFormAsync("/language", new() { ["lang"] = "en" }, "/");
        Assert.Contains(">05/03/2026 15:07</time>", await (await reader.GetAsync(thread.Url)).HtmlAsync());

        // A visitor whose browser prefers US English but also reads Swiss German picks German: Swiss number grouping.
        var visitor = BrowserSpeaking("en-US,de-CH;q=0.5");
        await visitor.PostFormAsync("/language", new() { ["lang"] = "de" }, "/");
        var person = await app.CreateUserAsync();
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == person.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Reputation, 12345)));
        var swiss = 12345.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("de-CH"));
        Assert.NotEqual("12.345", swiss);
        var profile = WebUtility.HtmlDecode(await (await visitor.GetAsync($"/u/{person.Name}")).HtmlAsync());
        Assert.Contains("<html lang=\"de\">", profile);
        Assert.Contains($"<strong data-testid=\"reputation\">{swiss}</strong>", profile);
    }

    [Fact]
    public async Task The_JSON_API_answers_in_English_whatever_the_browser_prefers()
    {
        var hub = await app.HubAsync();
        var asker = await app.CreateUserAsync();
        await app.AskAsync(asker, hub, title: "Rechnung doppelt abgebucht", answers: 1);
        var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await app.CreateTokenAsync(asker));
        api.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-AT");
        var notifications = await api.GetStringAsync("/api/v1/notifications");
        Assert.Contains(" answered your question ", notifications);
        Assert.Contains("Rechnung doppelt abgebucht", notifications);
        // The rule formats its limit with the culture: under a German culture it would read "30.000".
        var invalid = await api.PostAsync("/api/v1/threads", System.Net.Http.Json.JsonContent.Create(new { hub = hub.Slug, title = "Rechnung doppelt abgebucht", body = new string('x', 30_001) }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        Assert.Contains("at most 30,000 characters", await invalid.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_moderators_edit_and_a_suspension_reach_the_author_in_their_language_with_the_right_link()
    {
        var hub = await app.HubAsync();
        var author = await app.CreateUserAsync();
        var moderator = await app.CreateUserAsync(role: Community.Web.Data.Roles.Moderator);
        var thread = await app.AskAsync(await app.CreateUserAsync(), hub, answers: 1, answerer: author);
        var answerId = thread.AnswerIds[0];
        await app.SendAsync(new Community.Web.Features.Threads.EditPost.Command(new Community.Web.Infrastructure.Actor(moderator.Id, true), answerId,
            "Bitte keine Telefonnummern posten.", Reason: "Telefonnummer entfernt"));
        await app.SendAsync(new Community.Web.Features.Moderation.SuspendUser.Command(new Community.Web.Infrastructure.Actor(moderator.Id, true), author.Name, 3, "Werbung"));
        var notes = await app.WithDbAsync(db => db.Notifications.Where(n => n.UserId == author.Id && n.Kind == Community.Domain.Notifications.NotificationKind.Moderation)
            .OrderBy(n => n.Id).ToListAsync());
        Assert.Equal($"/posts/{answerId}/history", notes[0].Url);
        Assert.Equal($"A moderator edited your post in \"{(await app.WithDbAsync(db => db.Threads.SingleAsync(t => t.Id == thread.Id))).Title}\". Reason: Telefonnummer entfernt", notes[0].Text);

        // Suspended, the author cannot log in; the notification page is read the way the app renders it.
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == author.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Language, "de")));
        var rows = await app.WithScopeAsync(async sp =>
        {
            using var _ = Community.Web.Infrastructure.Localization.Languages.Use("de");
            return await sp.GetRequiredService<Mediator.IMediator>().Send(new Community.Web.Features.Notifications.MyNotifications.Query(author.Id));
        });
        var until = await app.WithDbAsync(db => db.Users.Where(u => u.Id == author.Id).Select(u => u.SuspendedUntil!.Value).SingleAsync());
        var vienna = TimeZoneInfo.ConvertTime(until, TimeZoneInfo.FindSystemTimeZoneById("Europe/Vienna"));
        Assert.Contains(rows, r => r.Text == $"Dein Konto ist bis {vienna.ToString("dd.MM.yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture)} gesperrt. Grund: Werbung");
        Assert.Contains(rows, r => r.Text.StartsWith("Ein Moderator hat deinen Beitrag in ", StringComparison.Ordinal) && r.Text.EndsWith("bearbeitet. Grund: Telefonnummer entfernt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_rule_message_with_numbers_is_shown_in_German_on_the_form()
    {
        var hub = await app.HubAsync();
        var client = await app.LoginAsync(await app.CreateUserAsync());
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-AT");
        var html = await (await client.PostFormAsync("/ask", new() { ["Hub"] = hub.Slug, ["Title"] = "Kurz", ["Body"] = "Mein Handy startet nicht mehr." })).HtmlAsync();
        Assert.Contains("Der Titel muss mindestens 8 Zeichen lang sein.", html);
        Assert.Contains("Mein Handy startet nicht mehr.", html);
    }
}

/// <summary>An app of its own, so every thread on its pages is German content.</summary>
public sealed class GermanContentApp : CommunityApp;

public partial class GermanPageTests(GermanContentApp app) : IClassFixture<GermanContentApp>
{
    /// <summary>English words that only appear on a German page when a text was missed; the page's content here is German.</summary>
    [GeneratedRegex(@"\b(the|your|you|and|with|answer|answers|question|questions|thread|threads|points|reply|save|cancel|choose|enter|this|will|there)\b", RegexOptions.IgnoreCase)]
    private static partial Regex EnglishWord();

    [Fact]
    public async Task Every_page_an_admin_visits_in_German_is_free_of_English()
    {
        var hub = await app.HubAsync("router-hilfe", "Router-Hilfe");
        var asker = await app.CreateUserAsync();
        var thread = await app.AskAsync(asker, hub, title: "Router blinkt rot nach Gewitter", body: "Seit dem Gewitter blinkt die Lampe rot.");
        foreach (var text in (string[])["Steck den Router für zehn Sekunden aus.", "Bei mir war es das Netzteil."])
            await app.SendAsync(new Community.Web.Features.Threads.Answer.Command(new Community.Web.Infrastructure.Actor((await app.CreateUserAsync()).Id, false), thread.Id, text));
        var admin = await app.CreateUserAsync(role: Community.Web.Data.Roles.Admin);
        await app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Community.Web.Data.CommunityUser>>();
            return await users.AddToRoleAsync((await users.FindByIdAsync(admin.Id))!, Community.Web.Data.Roles.Moderator);
        });
        var client = await app.LoginAsync(admin);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-AT");
        string[] pages = ["/", "/leaderboard", "/hall-of-fame", "/ask", thread.Url, $"/u/{admin.Name}", $"/u/{asker.Name}", "/notifications", "/moderation",
            "/moderation/log", "/moderation/alerts", "/queue", "/escalations", "/dashboard", "/admin/webhooks", "/admin/hubs", $"/admin/hubs/{hub.Id}", "/account/data", $"/hubs/{hub.Slug}",
            "/search?q=Gewitter", "/does-not-exist"];
        var leftovers = new List<string>();
        foreach (var page in pages)
        {
            var html = await (await client.GetAsync(page)).HtmlAsync();
            Assert.Contains("<html lang=\"de\">", html);
            foreach (var text in VisibleTexts(html))
                if (EnglishWord().IsMatch(text)) leftovers.Add($"{page}: {text}");
        }
        Assert.True(leftovers.Count == 0, "English left on German pages:\n" + string.Join("\n", leftovers.Distinct()));
    }

    private static IEnumerable<string> VisibleTexts(string html)
    {
        var withoutCode = Regex.Replace(html, "(?s)<script.*?</script>|<style.*?</style>|<code>.*?</code>|<svg.*?</svg>", "");
        foreach (Match a in Regex.Matches(withoutCode, "(?:title|placeholder|aria-label|alt)=\"([^\"]*)\"")) yield return WebUtility.HtmlDecode(a.Groups[1].Value);
        foreach (var text in Regex.Split(withoutCode, "<[^>]+>").Select(t => WebUtility.HtmlDecode(t).Trim()).Where(t => t.Length > 0)) yield return text;
    }
}
