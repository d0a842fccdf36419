using System.Net;
using System.Text.RegularExpressions;
using Community.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Community.Tests.Features;

public partial class AccountTests(CommunityApp app) : IClassFixture<CommunityApp>
{
    [GeneratedRegex("href=\"(http[^\"]+)\"")]
    private static partial Regex Link();

    private string LatestMailLink(string to)
    {
        var file = Directory.GetFiles(app.MailDirectory, "*.eml")
            .Select(f => (f, text: File.ReadAllText(f)))
            .Where(x => x.text.Contains($"To: {to}"))
            .OrderBy(x => x.f).Last();
        return WebUtility.HtmlDecode(Link().Match(file.text).Groups[1].Value);
    }

    [Fact]
    public async Task A_visitor_registers_confirms_the_email_and_logs_in_and_out()
    {
        var client = app.Browser();
        var name = "newbie" + Guid.NewGuid().ToString("N")[..6];
        var register = await client.PostFormAsync("/account/register", new()
        {
            ["UserName"] = name, ["Email"] = $"{name}@example.com", ["Password"] = "Secret123x", ["ConfirmPassword"] = "Secret123x",
        });
        Assert.Equal(HttpStatusCode.Redirect, register.StatusCode);
        Assert.StartsWith("/account/register-confirmation", register.Headers.Location!.OriginalString);

        var early = await client.PostFormAsync("/account/login", new() { ["Login"] = name, ["Password"] = "Secret123x" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, early.StatusCode);
        Assert.Contains("confirm your email address first", await early.HtmlAsync());

        var link = new Uri(LatestMailLink($"{name}@example.com"));
        // Opening the link (as a mail scanner does) confirms nothing; the account's password does.
        Assert.Contains("Enter the password you chose", await (await client.GetAsync(link.PathAndQuery)).HtmlAsync());
        var query = System.Web.HttpUtility.ParseQueryString(link.Query);
        var wrong = await client.PostFormAsync("/account/confirm-email", new() { ["UserId"] = query["userId"]!, ["Code"] = query["code"]!, ["Password"] = "not-the-password" }, link.PathAndQuery);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Users.Where(u => u.UserName == name).Select(u => u.EmailConfirmed).SingleAsync()));
        var confirmed = await client.PostFormAsync("/account/confirm-email", new() { ["UserId"] = query["userId"]!, ["Code"] = query["code"]!, ["Password"] = "Secret123x" }, link.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("Your email address is confirmed", await confirmed.HtmlAsync());

        var login = await client.PostFormAsync("/account/login", new() { ["Login"] = $"{name}@example.com", ["Password"] = "Secret123x" });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var home = await (await client.GetAsync("/")).HtmlAsync();
        Assert.Contains($"data-testid=\"me\">{name}</a>", home);

        var logout = await client.PostFormAsync("/account/logout", [], formPage: "/");
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.DoesNotContain("data-testid=\"me\"", await (await client.GetAsync("/")).HtmlAsync());
    }

    [Fact]
    public async Task Registration_errors_are_shown_next_to_the_fields_and_nothing_is_created()
    {
        var existing = await app.CreateUserAsync();
        var response = await app.Browser().PostFormAsync("/account/register", new()
        {
            ["UserName"] = existing.Name, ["Email"] = "not-an-email", ["Password"] = "short", ["ConfirmPassword"] = "other",
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.HtmlAsync();
        Assert.Contains("This is not a valid email address.", html);
        Assert.Contains("at least 8 characters", html);
        Assert.Contains("The two passwords do not match.", html);
        Assert.Contains($"value=\"{existing.Name}\"", html);
    }

    [Fact]
    public async Task A_taken_name_is_refused_on_registration()
    {
        var existing = await app.CreateUserAsync();
        var response = await app.Browser().PostFormAsync("/account/register", new()
        {
            ["UserName"] = existing.Name, ["Email"] = $"other-{existing.Name}@example.com", ["Password"] = "Secret123x", ["ConfirmPassword"] = "Secret123x",
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("is already taken", await response.HtmlAsync());
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_for_the_right_one()
    {
        var user = await app.CreateUserAsync();
        var client = app.Browser();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await client.PostFormAsync("/account/login", new() { ["Login"] = user.Name, ["Password"] = "wrong-password" });
            Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        }
        var right = await client.PostFormAsync("/account/login", new() { ["Login"] = user.Name, ["Password"] = TestUser.Password });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, right.StatusCode);
        Assert.Contains("locked for 15 minutes", await right.HtmlAsync());
    }

    [Fact]
    public async Task A_forgotten_password_is_reset_through_the_mailed_link()
    {
        var user = await app.CreateUserAsync();
        var client = app.Browser();
        var asked = await client.PostFormAsync("/account/forgot-password", new() { ["Email"] = $"{user.Name}@example.com" });
        Assert.Contains("If an account with this address exists", await asked.HtmlAsync());

        var link = new Uri(LatestMailLink($"{user.Name}@example.com"));
        Assert.StartsWith("/account/reset-password", link.AbsolutePath);
        var code = System.Web.HttpUtility.ParseQueryString(link.Query)["code"]!;
        var reset = await client.PostFormAsync("/account/reset-password", new()
        {
            ["Email"] = $"{user.Name}@example.com", ["Code"] = code, ["Password"] = "BrandNew123", ["ConfirmPassword"] = "BrandNew123",
        }, formPage: link.PathAndQuery);
        Assert.Contains("Your password has been changed", await reset.HtmlAsync());

        var login = await app.Browser().PostFormAsync("/account/login", new() { ["Login"] = user.Name, ["Password"] = "BrandNew123" });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
    }

    [Fact]
    public async Task A_forged_reset_code_changes_nothing()
    {
        var user = await app.CreateUserAsync();
        var reset = await app.Browser().PostFormAsync("/account/reset-password", new()
        {
            ["Email"] = $"{user.Name}@example.com", ["Code"] = "Zm9yZ2Vk", ["Password"] = "BrandNew123", ["ConfirmPassword"] = "BrandNew123",
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reset.StatusCode);
        Assert.Contains("invalid or has expired", await reset.HtmlAsync());
        await app.LoginAsync(user);
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_rejected()
    {
        var user = await app.CreateUserAsync();
        var response = await app.Browser().PostAsync("/account/login",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Login"] = user.Name, ["Password"] = TestUser.Password }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("Exception", await response.HtmlAsync());
    }

    [Fact]
    public async Task Asking_needs_a_login()
    {
        var response = await app.Browser().GetAsync("/ask");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.AbsolutePath);
    }
}
