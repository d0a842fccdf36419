using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Community.Tests.Support;
using Community.Web.Data;
using Community.Web.Features.Moderation;
using Community.Web.Features.Threads;
using Community.Web.Features.Users;
using Community.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Tests.Features;

public sealed class StaffTwoFactorApp : CommunityApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Security:RequireTwoFactorForStaff", "true");
    }
}

public partial class AccountSecurityTests(StaffTwoFactorApp app) : IClassFixture<StaffTwoFactorApp>
{
    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex Link();

    private string[] MailsTo(string to) => Directory.Exists(app.MailDirectory)
        ? Directory.GetFiles(app.MailDirectory, "*.eml").Select(File.ReadAllText).Where(t => t.Contains($"To: {to}")).ToArray()
        : [];

    private static Dictionary<string, string> Registration(string name, string email) =>
        new() { ["UserName"] = name, ["Email"] = email, ["Password"] = "Long-enough-9", ["ConfirmPassword"] = "Long-enough-9" };

    [Fact]
    public async Task Registering_a_taken_address_answers_like_a_new_one_and_mails_its_owner()
    {
        var owner = await app.CreateUserAsync();
        var taken = await app.Browser().PostFormAsync("/account/register", Registration("fresh" + Guid.NewGuid().ToString("N")[..6], $"{owner.Name}@example.com"));
        var newAddress = $"brand-new-{Guid.NewGuid():N}@example.com";
        var fresh = await app.Browser().PostFormAsync("/account/register", Registration("fresh" + Guid.NewGuid().ToString("N")[..6], newAddress));
        Assert.Equal(fresh.StatusCode, taken.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, taken.StatusCode);
        Assert.Equal(fresh.Headers.Location!.OriginalString.Split('?')[0], taken.Headers.Location!.OriginalString.Split('?')[0]);
        Assert.Contains(MailsTo($"{owner.Name}@example.com"), m => m.Contains("already has one"));
        Assert.Equal(1, await app.WithDbAsync(db => db.Users.CountAsync(u => u.NormalizedEmail == $"{owner.Name}@example.com".ToUpperInvariant())));
    }

    [Fact]
    public async Task Forgot_password_answers_the_same_for_known_and_unknown_addresses()
    {
        var owner = await app.CreateUserAsync();
        var known = await (await app.Browser().PostFormAsync("/account/forgot-password", new() { ["Email"] = $"{owner.Name}@example.com" })).HtmlAsync();
        var unknown = await (await app.Browser().PostFormAsync("/account/forgot-password", new() { ["Email"] = "nobody-here@example.com" })).HtmlAsync();
        string Strip(string html) => Regex.Replace(html, "name=\"__RequestVerificationToken\"[^>]*", "").Replace($"{owner.Name}@example.com", "").Replace("nobody-here@example.com", "");
        Assert.Equal(Strip(known), Strip(unknown));
    }

    [Fact]
    public async Task Login_answers_the_same_for_unknown_names_wrong_passwords_and_locked_accounts()
    {
        var user = await app.CreateUserAsync();
        var locked = await app.CreateUserAsync();
        for (var i = 0; i < 5; i++) await app.Browser().PostFormAsync("/account/login", new() { ["Login"] = locked.Name, ["Password"] = "wrong-password" });
        async Task<(HttpStatusCode, string)> AttemptAsync(string login, string password)
        {
            var response = await app.Browser().PostFormAsync("/account/login", new() { ["Login"] = login, ["Password"] = password });
            var html = Regex.Replace(await response.HtmlAsync(), "value=\"[^\"]*\"", "value=\"\"");
            return (response.StatusCode, html);
        }
        var unknown = await AttemptAsync("nobody-" + Guid.NewGuid().ToString("N")[..6], "wrong-password");
        var wrong = await AttemptAsync(user.Name, "wrong-password");
        var lockedRight = await AttemptAsync(locked.Name, TestUser.Password);
        Assert.Contains("Wrong name, email or password.", unknown.Item2);
        Assert.Equal(unknown, wrong);
        Assert.Equal(unknown, lockedRight);
    }

    [Fact]
    public async Task An_unconfirmed_account_counts_failures_and_locks_out()
    {
        var name = "unconfirmed" + Guid.NewGuid().ToString("N")[..6];
        await app.Browser().PostFormAsync("/account/register", Registration(name, $"{name}@example.com"));
        for (var i = 0; i < 5; i++) await app.Browser().PostFormAsync("/account/login", new() { ["Login"] = name, ["Password"] = "wrong-password" });
        Assert.True(await app.WithDbAsync(db => db.Users.Where(u => u.UserName == name).Select(u => u.LockoutEnd).SingleAsync()) > DateTimeOffset.UtcNow);
        var mailsBefore = MailsTo($"{name}@example.com").Length;
        var right = await (await app.Browser().PostFormAsync("/account/login", new() { ["Login"] = name, ["Password"] = "Long-enough-9" })).HtmlAsync();
        Assert.Contains("Wrong name, email or password.", right);
        Assert.Equal(mailsBefore, MailsTo($"{name}@example.com").Length);
    }

    [Fact]
    public async Task Whoever_registered_an_address_first_does_not_get_it_confirmed_by_its_owner()
    {
        var victim = $"victim-{Guid.NewGuid():N}@example.com";
        var attacker = "squatter" + Guid.NewGuid().ToString("N")[..6];
        await app.Browser().PostFormAsync("/account/register", Registration(attacker, victim));
        // The owner asks for a password reset: the link sets the owner's password and only then confirms the address.
        await app.Browser().PostFormAsync("/account/forgot-password", new() { ["Email"] = victim });
        var links = MailsTo(victim).SelectMany(m => Link().Matches(m)).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        var link = new Uri(Assert.Single(links, l => l.Contains("reset-password")));
        var code = System.Web.HttpUtility.ParseQueryString(link.Query)["code"]!;
        var reset = await app.Browser().PostFormAsync("/account/reset-password", new() { ["Email"] = victim, ["Code"] = code, ["Password"] = "Owners-own-7", ["ConfirmPassword"] = "Owners-own-7" }, link.PathAndQuery);
        Assert.Contains("Your password has been changed", await reset.HtmlAsync());
        var squatter = await app.Browser().PostFormAsync("/account/login", new() { ["Login"] = attacker, ["Password"] = "Long-enough-9" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, squatter.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await app.Browser().PostFormAsync("/account/login", new() { ["Login"] = victim, ["Password"] = "Owners-own-7" })).StatusCode);
    }

    [Fact]
    public async Task A_token_made_on_the_profile_page_has_the_scope_that_was_ticked()
    {
        var user = await app.CreateUserAsync();
        var client = await app.LoginAsync(user);
        await client.PostAsync($"/u/{user.Name}?handler=CreateToken", new FormUrlEncodedContent(
        [
            new("TokenName", "writer"), new("TokenDays", "7"), new("TokenCanWrite", "true"), new("TokenCanWrite", "false"),
            new("__RequestVerificationToken", await AntiforgeryAsync(client, $"/u/{user.Name}")),
        ]));
        await client.PostAsync($"/u/{user.Name}?handler=CreateToken", new FormUrlEncodedContent(
        [
            new("TokenName", "reader"), new("TokenDays", "7"), new("TokenCanWrite", "false"),
            new("__RequestVerificationToken", await AntiforgeryAsync(client, $"/u/{user.Name}")),
        ]));
        var scopes = await app.WithDbAsync(db => db.ApiTokens.Where(t => t.UserId == user.Id).ToDictionaryAsync(t => t.Name, t => t.Scopes));
        Assert.Equal("read write", scopes["writer"]);
        Assert.Equal("read", scopes["reader"]);
        var typo = await client.PostFormAsync($"/u/{user.Name}?handler=CreateToken", new() { ["TokenName"] = "typo", ["TokenDays"] = "abc" }, $"/u/{user.Name}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, typo.StatusCode);
        Assert.False(scopes.ContainsKey("typo") || await app.WithDbAsync(db => db.ApiTokens.AnyAsync(t => t.UserId == user.Id && t.Name == "typo")));
    }

    private static async Task<string> AntiforgeryAsync(HttpClient client, string page) =>
        WebUtility.HtmlDecode(Regex.Match(await (await client.GetAsync(page)).HtmlAsync(), "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value);

    [Fact]
    public async Task A_moderators_token_works_only_once_the_account_has_two_factor()
    {
        var mod = await app.CreateUserAsync(role: Roles.Moderator);
        var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.CreateTokenAsync(mod));
        var refused = await api.GetAsync("/api/v1/notifications");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("two-factor", await refused.Content.ReadAsStringAsync());
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == mod.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.TwoFactorEnabled, true)));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/notifications")).StatusCode);
    }

    [Fact]
    public void Code_blocks_may_be_indented_deeply_but_quotes_may_not_nest_deeply()
    {
        var json = "```json\n" + string.Join("\n", Enumerable.Range(0, 40).Select(i => new string(' ', i * 2) + "- " + i)) + "\n```";
        Assert.Empty(Community.Domain.Threads.ThreadRules.CheckBody(json));
        Assert.NotEmpty(Community.Domain.Threads.ThreadRules.CheckBody(string.Concat(Enumerable.Repeat("> ", 20)) + "deep"));
    }

    [Fact]
    public async Task A_common_password_is_refused()
    {
        var name = "common" + Guid.NewGuid().ToString("N")[..6];
        var response = await app.Browser().PostFormAsync("/account/register", new() { ["UserName"] = name, ["Email"] = $"{name}@example.com", ["Password"] = "password1", ["ConfirmPassword"] = "password1" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("one of the most common", await response.HtmlAsync());
    }

    [Fact]
    public async Task A_moderator_must_set_up_two_factor_and_then_logs_in_with_a_code()
    {
        var mod = await app.CreateUserAsync(role: Roles.Moderator);
        var client = await app.LoginAsync(mod);
        var blocked = await client.GetAsync("/moderation");
        Assert.Equal(HttpStatusCode.Redirect, blocked.StatusCode);
        Assert.StartsWith("/account/two-factor", blocked.Headers.Location!.OriginalString);

        var setupPage = await client.GetAsync(blocked.Headers.Location!.OriginalString);
        var setup = await setupPage.HtmlAsync();
        Assert.True(setupPage.StatusCode == HttpStatusCode.OK, setup);
        Assert.Contains("requires two-factor authentication", setup);
        var key = Regex.Match(setup, "data-testid=\"shared-key\">([^<]+)<").Groups[1].Value.Replace(" ", "").ToUpperInvariant();
        var wrong = await client.PostFormAsync("/account/two-factor?handler=Enable", new() { ["Code"] = "000000", ["Password"] = TestUser.Password }, "/account/two-factor");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        var firstCode = Totp(key);
        var enabled = await (await client.PostFormAsync("/account/two-factor?handler=Enable", new() { ["Code"] = firstCode, ["Password"] = TestUser.Password }, "/account/two-factor")).HtmlAsync();
        var recovery = Regex.Matches(enabled, "<li><code>([^<]+)</code></li>").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, recovery.Count);
        // The authenticator key and the recovery codes are stored encrypted, like the webhook secrets.
        var stored = await app.WithDbAsync(db => db.UserTokens.Where(t => t.UserId == mod.Id).Select(t => t.Value).ToListAsync());
        Assert.NotEmpty(stored);
        Assert.All(stored, v => Assert.StartsWith("dp1:", v));
        Assert.DoesNotContain(stored, v => v!.Contains(recovery[0]));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/moderation")).StatusCode);

        // Next login: the password alone is not enough.
        var next = app.Browser();
        var step1 = await next.PostFormAsync("/account/login", new() { ["Login"] = mod.Name, ["Password"] = TestUser.Password });
        Assert.Equal(HttpStatusCode.Redirect, step1.StatusCode);
        Assert.StartsWith("/account/login-2fa", step1.Headers.Location!.OriginalString);
        // The code that switched it on was used: it does not work a second time (single use); the next step's does.
        var replay = await next.PostFormAsync("/account/login-2fa", new() { ["Code"] = firstCode }, step1.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, replay.StatusCode);
        var step2 = await next.PostFormAsync("/account/login-2fa", new() { ["Code"] = Totp(key, stepsAhead: 1) }, step1.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, step2.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await next.GetAsync("/moderation")).StatusCode);

        // A recovery code works once.
        var third = app.Browser();
        var again = await third.PostFormAsync("/account/login", new() { ["Login"] = mod.Name, ["Password"] = TestUser.Password });
        Assert.Equal(HttpStatusCode.Redirect, (await third.PostFormAsync("/account/login-2fa", new() { ["Code"] = recovery[0] }, again.Headers.Location!.OriginalString)).StatusCode);
        var fourth = app.Browser();
        var once = await fourth.PostFormAsync("/account/login", new() { ["Login"] = mod.Name, ["Password"] = TestUser.Password });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await fourth.PostFormAsync("/account/login-2fa", new() { ["Code"] = recovery[0] }, once.Headers.Location!.OriginalString)).StatusCode);
    }

    [Fact]
    public async Task A_member_is_not_asked_for_two_factor_and_changes_the_password()
    {
        var user = await app.CreateUserAsync();
        var client = await app.LoginAsync(user);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/notifications")).StatusCode);
        var wrong = await client.PostFormAsync("/account/settings?handler=Password", new() { ["CurrentPassword"] = "not-mine-1", ["NewPassword"] = "Another-pass-7", ["ConfirmPassword"] = "Another-pass-7" }, "/account/settings");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        Assert.Contains("Your current password is not right.", await wrong.HtmlAsync());
        var changed = await client.PostFormAsync("/account/settings?handler=Password", new() { ["CurrentPassword"] = TestUser.Password, ["NewPassword"] = "Another-pass-7", ["ConfirmPassword"] = "Another-pass-7" }, "/account/settings");
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        await app.LoginAsync(user, "Another-pass-7");
    }

    [Fact]
    public async Task Changing_the_email_takes_effect_only_from_the_link_sent_to_the_new_address()
    {
        var user = await app.CreateUserAsync();
        var client = await app.LoginAsync(user);
        var newAddress = $"moved-{Guid.NewGuid():N}@example.com";
        var wrong = await client.PostFormAsync("/account/settings?handler=Email", new() { ["NewEmail"] = newAddress, ["EmailPassword"] = "not-mine-1" }, "/account/settings");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        Assert.Contains($"value=\"{newAddress}\"", await wrong.HtmlAsync());
        Assert.Empty(MailsTo(newAddress));
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/account/settings?handler=Email", new() { ["NewEmail"] = newAddress, ["EmailPassword"] = TestUser.Password }, "/account/settings")).StatusCode);
        Assert.Contains(MailsTo($"{user.Name}@example.com"), m => m.Contains("move your account to another email address"));
        Assert.Equal($"{user.Name}@example.com", await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.Email).SingleAsync()));
        var link = WebUtility.HtmlDecode(Link().Match(MailsTo(newAddress).Single()).Groups[1].Value);
        var confirmed = await app.Browser().GetAsync(new Uri(link).PathAndQuery);
        Assert.Contains("Your email address has been changed.", await confirmed.HtmlAsync());
        Assert.Equal(newAddress, await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.Email).SingleAsync()));
    }

    [Fact]
    public async Task Tokens_expire_and_a_read_token_cannot_write()
    {
        var user = await app.CreateUserAsync();
        var hub = await app.HubAsync();
        var readOnly = await app.SendAsync(new CreateToken.Command(user.Id, "reader", Write: false, Days: 30));
        var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", readOnly);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/notifications")).StatusCode);
        var post = await api.PostAsync("/api/v1/threads", System.Net.Http.Json.JsonContent.Create(new { hub = hub.Slug, title = "A question from a read token", body = "Body text here" }));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Contains("can only read", await post.Content.ReadAsStringAsync());

        var days = await app.WithDbAsync(db => db.ApiTokens.Where(t => t.UserId == user.Id).Select(t => new { t.CreatedAt, t.ExpiresAt }).SingleAsync());
        Assert.Equal(TimeSpan.FromDays(30), days.ExpiresAt - days.CreatedAt);
        await app.WithDbAsync(db => db.ApiTokens.Where(t => t.UserId == user.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
        var expired = await api.GetAsync("/api/v1/notifications");
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Contains("expired", await expired.Content.ReadAsStringAsync());
        var lifetime = await app.WithDbAsync(db => db.ApiTokens.Where(t => t.Name == "reader" && t.UserId == user.Id).Select(t => new { t.CreatedAt, t.Scopes }).SingleAsync());
        Assert.Equal("read", lifetime.Scopes);
    }

    [Fact]
    public async Task A_redacted_version_is_gone_from_the_history_and_the_log_keeps_only_the_fact()
    {
        var hub = await app.HubAsync();
        var asker = await app.CreateUserAsync();
        var thread = await app.AskAsync(asker, hub, body: "Call me at +43 664 1234567 please");
        var questionId = await app.WithDbAsync(db => db.Posts.Where(p => p.ThreadId == thread.Id && p.IsQuestion).Select(p => p.Id).SingleAsync());
        await app.SendAsync(new EditPost.Command(new Actor(asker.Id, false), questionId, "Call me please, my router is broken"));
        var mod = await app.CreateUserAsync(role: Roles.Moderator);
        var revisionId = await app.WithDbAsync(db => db.PostRevisions.Where(r => r.PostId == questionId).Select(r => r.Id).SingleAsync());
        Assert.Contains("1234567", await (await app.Browser().GetAsync($"/posts/{questionId}/history")).HtmlAsync());
        await app.SendAsync(new RedactRevision.Command(new Actor(mod.Id, true), revisionId, "phone number"));

        var history = await (await app.Browser().GetAsync($"/posts/{questionId}/history")).HtmlAsync();
        Assert.DoesNotContain("1234567", history);
        Assert.Contains("removed the text of this version", history);
        Assert.Equal("", await app.WithDbAsync(db => db.PostRevisions.Where(r => r.Id == revisionId).Select(r => r.BodyMarkdown).SingleAsync()));
        var audit = await app.WithDbAsync(db => db.AuditLog.Where(a => a.PostId == questionId && a.Action == Community.Domain.Moderation.ModerationAction.RedactRevision).SingleAsync());
        Assert.Equal("phone number", audit.Reason);
        Assert.DoesNotContain("1234567", audit.Detail);
        var notModerator = await Assert.ThrowsAsync<Community.Domain.ForbiddenException>(() => app.SendAsync(new RedactRevision.Command(new Actor(asker.Id, false), revisionId, "x")));
        Assert.NotNull(notModerator);
    }

    [Fact]
    public async Task A_hidden_post_is_readable_and_editable_by_moderators_only()
    {
        var hub = await app.HubAsync();
        var thread = await app.AskAsync(await app.CreateUserAsync(), hub, answers: 1);
        var mod = await app.CreateUserAsync(role: Roles.Moderator);
        await app.SendAsync(new HidePost.Command(new Actor(mod.Id, true), thread.AnswerIds[0], "insult", false));
        var editor = await app.CreateUserAsync();
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == editor.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Reputation, 100_000)));
        var client = await app.LoginAsync(editor);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/posts/{thread.AnswerIds[0]}/edit")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/posts/{thread.AnswerIds[0]}/history")).StatusCode);
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new EditPost.Command(new Actor(editor.Id, false), thread.AnswerIds[0], "rewritten")));
        await app.SendAsync(new EditPost.Command(new Actor(mod.Id, true), thread.AnswerIds[0], "Removed the insult", Reason: "cleanup"));
    }

    [Fact]
    public async Task Deeply_nested_markdown_gets_a_422_with_the_reason()
    {
        var hub = await app.HubAsync();
        var client = await app.LoginAsync(await app.CreateUserAsync());
        var response = await client.PostFormAsync("/ask", new() { ["Hub"] = hub.Slug, ["Title"] = "A question with deep quotes", ["Body"] = new string('>', 128) + " deep", ["Tags"] = "" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("nested at most", await response.HtmlAsync());
    }

    [Fact]
    public async Task The_export_lists_every_table_that_holds_the_person()
    {
        var user = await app.CreateUserAsync();
        var hub = await app.HubAsync();
        var thread = await app.AskAsync(user, hub, title: "Export question about the router", answers: 1);
        var questionId = await app.WithDbAsync(db => db.Posts.Where(p => p.ThreadId == thread.Id && p.IsQuestion).Select(p => p.Id).SingleAsync());
        var mod = await app.CreateUserAsync(role: Roles.Moderator);
        await app.SendAsync(new EditPost.Command(new Actor(mod.Id, true), questionId, "Edited by a moderator for the export", Reason: "tidy up"));
        await app.SendAsync(new Community.Web.Features.Threads.GiveKudos.Command(new Actor(user.Id, false), thread.AnswerIds[0]));
        var json = await app.WithScopeAsync(async sp => System.Text.Json.JsonSerializer.Serialize(await sp.GetRequiredService<Mediator.IMediator>().Send(new Community.Web.Features.Privacy.ExportMyData.Query(user.Id))));
        Assert.Contains("Export question about the router", json);
        Assert.Contains("My question text", json); // the version before the moderator's edit
        Assert.Contains("tidy up", json);          // the moderation entry about the person
        Assert.Contains($"\"PostId\":{thread.AnswerIds[0]}", json);
        foreach (var section in new[] { "profile", "posts", "edits", "versionsOfMyPosts", "kudosGiven", "ledger", "badges", "consents", "notifications", "flagsRaised",
                     "apiTokens", "security", "invitationsReceived", "invitationsSent", "escalationsRaised", "escalationsOfMyQuestions", "moderationAboutMe",
                     "moderationByMe", "moderatorAlerts", "heroAwards", "queuedMail", "crmEvents" })
            Assert.Contains($"\"{section}\"", json);
    }

    /// <summary>RFC 6238 with Identity's settings: SHA-1, 30-second steps, six digits.</summary>
    /// <summary>The code of the time step <paramref name="stepsAhead"/> steps from now (the app accepts two either side).</summary>
    private static string Totp(string base32Key, int stepsAhead = 0)
    {
        var key = Base32(base32Key);
        var counter = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30 + stepsAhead;
        var bytes = BitConverter.GetBytes(counter);
        if (BitConverter.IsLittleEndian) Array.Reverse(bytes);
        var hash = HMACSHA1.HashData(key, bytes);
        var offset = hash[^1] & 0xf;
        var code = ((hash[offset] & 0x7f) << 24 | hash[offset + 1] << 16 | hash[offset + 2] << 8 | hash[offset + 3]) % 1_000_000;
        return code.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = string.Concat(text.TrimEnd('=').Select(c => Convert.ToString(alphabet.IndexOf(c), 2).PadLeft(5, '0')));
        return Enumerable.Range(0, bits.Length / 8).Select(i => Convert.ToByte(bits.Substring(i * 8, 8), 2)).ToArray();
    }
}
