using System.Net;
using System.Text.Json;
using Community.Domain.Escalation;
using Community.Tests.Support;
using Community.Web.Data;
using Community.Web.Features.Escalations;
using Community.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting;

namespace Community.Tests.Features;

/// <summary>Support works escalations from the thread; hub names follow the language; the smaller things from the issue.</summary>
public class SupportDeskAndPolishTests(CommunityApp app) : IClassFixture<CommunityApp>
{
    private async Task<(Given.AskedThread Thread, TestUser Asker)> EscalatedAsync()
    {
        var asker = await app.CreateUserAsync();
        var thread = await app.AskAsync(asker, await app.HubAsync(), "Router startet ständig neu");
        var moderator = await app.CreateUserAsync(role: Roles.Moderator);
        await app.SendAsync(new EscalateThread.Command(new Actor(moderator.Id, true), thread.Id, "Kunde hat alles probiert", EscalationPriority.High));
        return (thread, asker);
    }

    [Fact]
    public async Task A_support_agent_acknowledges_with_a_ticket_and_resolves_with_an_official_answer_on_the_thread_page()
    {
        var (thread, asker) = await EscalatedAsync();
        var agent = await app.CreateUserAsync(role: Roles.Support);
        var client = await app.LoginAsync(agent);
        var page = await (await client.GetAsync(thread.Url)).HtmlAsync();
        Assert.Contains("data-testid=\"support-desk\"", page);

        // Acknowledging needs the ticket reference: the form comes back with what was typed.
        var missing = await client.PostFormAsync($"{thread.Url}?handler=Support", new() { ["status"] = "acknowledged", ["SupportAnswer"] = "Entwurf der Antwort" }, thread.Url);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.StatusCode);
        var again = await missing.HtmlAsync();
        Assert.Contains("Give the helpdesk&#x27;s ticket reference.", again);
        Assert.Contains(">Entwurf der Antwort</textarea>", again);

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"{thread.Url}?handler=Support", new() { ["status"] = "acknowledged", ["SupportTicketRef"] = "INC-2026-77" }, thread.Url)).StatusCode);
        Assert.Contains("INC-2026-77", await (await app.Browser().GetAsync(thread.Url)).HtmlAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"{thread.Url}?handler=Support",
            new() { ["status"] = "resolved", ["SupportTicketRef"] = "INC-2026-77", ["SupportAnswer"] = "Wir haben die Firmware neu aufgespielt." }, thread.Url)).StatusCode);
        var escalation = await app.WithDbAsync(db => db.Escalations.SingleAsync(e => e.ThreadId == thread.Id));
        Assert.Equal(EscalationStatus.Resolved, escalation.Status);
        var official = await app.WithDbAsync(db => db.Posts.SingleAsync(p => p.ThreadId == thread.Id && p.IsOfficial));
        Assert.Equal(agent.Id, official.AuthorId);
        var after = await (await app.Browser().GetAsync(thread.Url)).HtmlAsync();
        Assert.Contains("Resolved by our support team", after);
        Assert.Contains("Wir haben die Firmware neu aufgespielt.", after);
        var audit = await app.WithDbAsync(db => db.AuditLog.Where(a => a.ThreadId == thread.Id).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal([Community.Domain.Moderation.ModerationAction.EscalateThread, Community.Domain.Moderation.ModerationAction.AcknowledgeEscalation, Community.Domain.Moderation.ModerationAction.ResolveEscalation], audit.Select(a => a.Action));
        Assert.Equal(agent.Id, audit[^1].ActorId);
        Assert.Contains(await app.WithDbAsync(db => db.Notifications.Where(n => n.UserId == asker.Id).Select(n => n.Text).ToListAsync()), t => t.Contains("Support has resolved"));
    }

    [Fact]
    public async Task Customers_and_moderators_do_not_get_the_support_desk()
    {
        var (thread, asker) = await EscalatedAsync();
        var customer = await app.LoginAsync(asker);
        Assert.DoesNotContain("support-desk", await (await customer.GetAsync(thread.Url)).HtmlAsync());
        var forbidden = await customer.PostFormAsync($"{thread.Url}?handler=Support", new() { ["status"] = "resolved" }, thread.Url);
        Assert.Equal(HttpStatusCode.Redirect, forbidden.StatusCode);
        Assert.Contains("/account/denied", forbidden.Headers.Location!.OriginalString);
        Assert.Equal(EscalationStatus.Escalated, await app.WithDbAsync(db => db.Escalations.Where(e => e.ThreadId == thread.Id).Select(e => e.Status).SingleAsync()));
    }

    [Fact]
    public async Task Hub_names_and_descriptions_follow_the_readers_language_and_fall_back_to_english()
    {
        var hub = await app.WithDbAsync(async db =>
        {
            var h = new Community.Domain.Threads.Hub { Slug = "vertraege-" + Guid.NewGuid().ToString("N")[..6], Name = "Contracts & Billing", Description = "Tariffs and invoices.", NameDe = "Verträge & Rechnungen", DescriptionDe = "Tarife und Rechnungen." };
            db.Hubs.Add(h);
            await db.SaveChangesAsync();
            return h;
        });
        var onlyEnglish = await app.HubAsync(name: "Only English");
        var thread = await app.AskAsync(await app.CreateUserAsync(), hub, "Rechnung zu hoch");
        var german = app.Browser();
        german.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de");
        var hubPage = await (await german.GetAsync($"/hubs/{hub.Slug}")).HtmlAsync();
        Assert.Contains("<h1>Verträge &amp; Rechnungen</h1>", hubPage);
        Assert.Contains("Tarife und Rechnungen.", hubPage);
        Assert.Contains("Verträge &amp; Rechnungen</a>", await (await german.GetAsync(thread.Url)).HtmlAsync());
        Assert.Contains("Verträge &amp; Rechnungen", await (await german.GetAsync("/")).HtmlAsync());
        Assert.Contains("<h1>Only English</h1>", await (await german.GetAsync($"/hubs/{onlyEnglish.Slug}")).HtmlAsync());
        var english = app.Browser();
        english.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        Assert.Contains("<h1>Contracts &amp; Billing</h1>", await (await english.GetAsync($"/hubs/{hub.Slug}")).HtmlAsync());
    }

    [Fact]
    public async Task The_audit_log_reads_as_sentences_in_both_languages()
    {
        var (_, _) = await EscalatedAsync();
        var moderator = await app.LoginAsync(await app.CreateUserAsync(role: Roles.Moderator));
        var english = await (await moderator.GetAsync("/moderation/log")).HtmlAsync();
        Assert.Contains("escalated the thread to support (priority: High)", english);
        Assert.DoesNotContain(">EscalateThread", english);
        await moderator.PostFormAsync("/language", new() { ["lang"] = "de", ["returnUrl"] = "/moderation/log" }, "/moderation/log");
        var german = await (await moderator.GetAsync("/moderation/log")).HtmlAsync();
        Assert.Contains("hat das Thema an den Support eskaliert (Priorität: ", german);
    }

    [Fact]
    public async Task More_threads_from_home_page_through_every_hub_by_keyset()
    {
        var hub = await app.HubAsync();
        for (var i = 0; i < 32; i++) await app.AskAsync(await app.CreateUserAsync(), hub, $"Mehr Threads Nummer {i:00}");
        var home = await (await app.Browser().GetAsync("/")).HtmlAsync();
        Assert.Contains("href=\"/latest\" data-testid=\"more-threads\"", home);
        var first = await (await app.Browser().GetAsync("/latest")).HtmlAsync();
        Assert.Contains("Mehr Threads Nummer 31", first);
        var older = System.Text.RegularExpressions.Regex.Match(first, "href=\"(/latest\\?before=[^\"]+)\"").Groups[1].Value;
        var second = await (await app.Browser().GetAsync(WebUtility.HtmlDecode(older))).HtmlAsync();
        Assert.Contains("Mehr Threads Nummer 00", second);
        Assert.DoesNotContain("Mehr Threads Nummer 31", second);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Browser().GetAsync("/latest?before=nonsense")).StatusCode);
    }

    [Fact]
    public async Task Avatars_and_user_cards_come_from_this_site()
    {
        var person = await app.CreateUserAsync("anna.card-" + Guid.NewGuid().ToString("N")[..4]);
        var svg = await app.Browser().GetAsync($"/u/{person.Name}/avatar");
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType!.MediaType);
        Assert.Contains(">AC</text>", await svg.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync("/u/nobody-here/avatar")).StatusCode);

        // An uploaded picture replaces the initials.
        var client = await app.LoginAsync(person);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SetAvatarAsync(TestImages.Png(300, 200))).StatusCode);
        var png = await app.Browser().GetAsync($"/u/{person.Name}/avatar");
        Assert.Equal("image/png", png.Content.Headers.ContentType!.MediaType);
        using (var bitmap = SkiaSharp.SKBitmap.Decode(await png.Content.ReadAsByteArrayAsync())) Assert.Equal((200, 200), (bitmap.Width, bitmap.Height));
        var refused = await client.SetAvatarAsync("<svg/>"u8.ToArray(), "me.svg", "image/svg+xml");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("not a PNG, JPEG, WebP or GIF", await refused.HtmlAsync());

        var card = JsonDocument.Parse(await app.Browser().GetStringAsync($"/u/{person.Name}/card")).RootElement;
        Assert.Equal(person.Name, card.GetProperty("name").GetString());
        Assert.Contains("/avatar", card.GetProperty("html").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync("/u/nobody-here/card")).StatusCode);
    }

    [Fact]
    public async Task The_expert_invitation_lists_at_most_three_and_never_the_viewer()
    {
        var hub = await app.HubAsync();
        var moderator = await app.CreateUserAsync(role: Roles.Moderator);
        var experts = new List<TestUser> { moderator };
        for (var i = 0; i < 5; i++) experts.Add(await app.CreateUserAsync());
        // Everyone (the moderator too) earns points in the hub with accepted answers.
        foreach (var expert in experts)
        {
            var asked = await app.AskAsync(await app.CreateUserAsync(), hub, answers: 1, answerer: expert);
            await app.SendAsync(new Community.Web.Features.Threads.MarkSolution.Command(new Actor(moderator.Id, true), asked.Id, asked.AnswerIds[0]));
        }
        var thread = await app.AskAsync(await app.CreateUserAsync(), hub, "Wer kennt sich aus?");
        var page = await (await (await app.LoginAsync(moderator)).GetAsync(thread.Url)).HtmlAsync();
        var offered = System.Text.RegularExpressions.Regex.Matches(page, "name=\"experts\" value=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(3, offered.Count);
        Assert.DoesNotContain(moderator.Name, offered);
    }

    [Fact]
    public async Task An_unconfirmed_account_sees_its_new_confirmation_link_on_the_login_page_where_no_relay_is_configured()
    {
        var unconfirmed = await app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<CommunityUser>>();
            var user = new CommunityUser { UserName = "late-" + Guid.NewGuid().ToString("N")[..6], Email = $"late{Guid.NewGuid():N}@example.com", JoinedAt = DateTimeOffset.UtcNow };
            await users.CreateAsync(user, TestUser.Password);
            return user.UserName!;
        });
        var login = await app.Browser().PostFormAsync("/account/login", new() { ["Login"] = unconfirmed, ["Password"] = TestUser.Password });
        var html = await login.HtmlAsync();
        Assert.Contains("Please confirm your email address first", html);
        // The test app runs with Mail:ShowConfirmationLinkOnPage=false, as production does: no link on the page.
        Assert.DoesNotContain("data-testid=\"confirm-link\"", html);
    }
}

/// <summary>A laptop without a mail relay (Mail:ShowConfirmationLinkOnPage, as in Development).</summary>
public sealed class NoRelayApp : CommunityApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Mail:ShowConfirmationLinkOnPage", "true");
    }
}

public class LoginConfirmationLinkTests(NoRelayApp app) : IClassFixture<NoRelayApp>
{
    [Fact]
    public async Task Without_a_relay_the_login_page_shows_a_working_confirmation_link_to_the_unconfirmed_owner()
    {
        var name = "late-" + Guid.NewGuid().ToString("N")[..6];
        await app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<CommunityUser>>();
            return await users.CreateAsync(new CommunityUser { UserName = name, Email = $"{name}@example.com", JoinedAt = DateTimeOffset.UtcNow }, TestUser.Password);
        });
        var browser = app.Browser();
        // A wrong password learns nothing.
        Assert.DoesNotContain("confirm-link", await (await browser.PostFormAsync("/account/login", new() { ["Login"] = name, ["Password"] = "wrong-Passw0rd" })).HtmlAsync());
        var html = await (await browser.PostFormAsync("/account/login", new() { ["Login"] = name, ["Password"] = TestUser.Password })).HtmlAsync();
        var link = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(html, "id=\"confirm-link\" href=\"([^\"]+)\"").Groups[1].Value);
        Assert.NotEmpty(link);
        // The link's page asks for the account's password (a mail scanner following the link confirms nothing).
        var path = new Uri(link).PathAndQuery;
        await browser.PostFormAsync(path, new() { ["Password"] = TestUser.Password }, path);
        Assert.True(await app.WithDbAsync(db => db.Users.Where(u => u.UserName == name).Select(u => u.EmailConfirmed).SingleAsync()));
    }
}
