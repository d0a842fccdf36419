using System.Net;
using Community.Tests.Support;
using Community.Web.Cli;
using Community.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Tests.Features;

public class DemoAndCliTests(DemoCommunityApp app) : IClassFixture<DemoCommunityApp>
{
    [Fact]
    public async Task The_demo_has_a_thread_with_support_official_answers_and_staff_of_every_role()
    {
        var thread = await app.WithDbAsync(db => db.Threads.Where(t => t.Title == "Router shows red internet light after thunderstorm").Select(t => new { t.Id, t.Slug }).SingleAsync());
        var page = await (await app.CreateClient().GetAsync($"/t/{thread.Id}/{thread.Slug}")).Content.ReadAsStringAsync();
        Assert.Contains("ticket <strong>INC-20261</strong>", page);
        Assert.Contains("Official answer from our support team", page);
        Assert.Equal(0, await app.WithDbAsync(db => db.OutgoingMails.CountAsync()));
        Assert.True(await app.WithDbAsync(db => db.Users.AllAsync(u => u.MailPreference == Community.Domain.Notifications.MailPreference.Immediate)));
        var admin = await app.LoginAsync(new TestUser(await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "alex.admin").Select(u => u.Id).SingleAsync()), "alex.admin"), "Demo-Passw0rd!");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/webhooks")).StatusCode);
    }

    [Fact]
    public async Task First_start_seeds_hubs_people_and_threads_in_german_and_english()
    {
        var (hubs, threads, users, solved) = await app.WithDbAsync(async db =>
            (await db.Hubs.CountAsync(), await db.Threads.CountAsync(), await db.Users.CountAsync(), await db.Threads.CountAsync(t => t.AcceptedPostId != null)));
        Assert.True(hubs >= 8);
        Assert.True(threads >= 30, $"{threads} demo threads");
        Assert.True(users >= 10);
        Assert.True(solved >= 15);

        var home = await (await app.Browser().GetAsync("/")).HtmlAsync();
        Assert.Contains("Smartphones", home);
        Assert.Contains("Internet &amp; Router", home);
        var iphone = await (await app.Browser().GetAsync("/hubs/iphone-16")).HtmlAsync();
        Assert.Contains("eSIM auf neues iPhone 16 übertragen", iphone);
        Assert.Contains("camera button", iphone);
    }

    [Theory]
    [InlineData("maria.mod")]
    [InlineData("max.expert")]
    [InlineData("anna.berger")]
    public async Task Demo_people_log_in_with_the_password_from_the_readme(string name)
    {
        var response = await app.Browser().PostFormAsync("/account/login", new() { ["Login"] = name, ["Password"] = DemoSeeder.DemoPassword });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(DemoSeeder.DemoPassword, await File.ReadAllTextAsync(Path.Combine(RepoRoot(), "README.md")));
    }

    [Fact]
    public async Task Admin_commands_create_a_moderator_and_a_token_that_works()
    {
        var output = new StringWriter();
        var code = await AdminCommands.RunAsync(app.Services, ["create-user", "--name", "cli.mod", "--email", "cli.mod@example.com", "--password", "CliPass123", "--role", "moderator"], output);
        Assert.Equal(0, code);
        Assert.Contains("Created user cli.mod with role Moderator", output.ToString());
        var isMod = await app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<CommunityUser>>();
            return await users.IsInRoleAsync((await users.FindByNameAsync("cli.mod"))!, Roles.Moderator);
        });
        Assert.True(isMod);

        output = new StringWriter();
        Assert.Equal(0, await AdminCommands.RunAsync(app.Services, ["create-token", "--user", "cli.mod"], output));
        var token = output.ToString().Trim();
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var answered = await client.PostAsync("/api/v1/threads/1/posts", System.Net.Http.Json.JsonContent.Create(new { body = "From the CLI token" }));
        Assert.Equal(HttpStatusCode.Created, answered.StatusCode);
    }

    [Theory]
    [InlineData(new[] { "create-user", "--name", "x" }, "needs --name, --email and --password")]
    [InlineData(new[] { "create-user", "--name", "x1", "--email", "x1@example.com", "--password", "CliPass123", "--role", "King" }, "Unknown role")]
    [InlineData(new[] { "create-user", "--name", "x2", "--email", "x2@example.com", "--password", "short" }, "Passwords must be at least 8")]
    [InlineData(new[] { "create-token", "--user", "ghost" }, "There is no user")]
    [InlineData(new[] { "frobnicate" }, "Unknown admin command")]
    public async Task Admin_commands_explain_bad_input(string[] args, string message)
    {
        var output = new StringWriter();
        Assert.Equal(2, await AdminCommands.RunAsync(app.Services, args, output));
        Assert.Contains(message, output.ToString());
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Community.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Community.sln not found above the test binaries.");
    }
}

/// <summary>The demo seeded at 22:30 UTC in December: 180 steps of 24 hours back cross the end of daylight saving.</summary>
public sealed class DemoSeededLateInTheEveningApp : CommunityApp
{
    public TestClock Clock { get; } = new();
    protected override bool SeedDemoContent => true;

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        Clock.Set(new DateTimeOffset(2026, 12, 1, 22, 30, 0, TimeSpan.Zero));
        base.ConfigureWebHost(builder);
        Microsoft.AspNetCore.TestHost.WebHostBuilderExtensions.ConfigureTestServices(builder, s => s.AddSingleton<TimeProvider>(Clock));
    }
}

public class DemoSeedingClockTests(DemoSeededLateInTheEveningApp app) : IClassFixture<DemoSeededLateInTheEveningApp>
{
    [Fact]
    public async Task Seeding_at_an_hour_where_two_24_hour_steps_share_a_local_day_counts_each_day_once()
    {
        // It failed (a duplicate key) between 22:00 and 23:00 UTC, once a year's daylight saving lay in the 180 days.
        var rows = await app.WithDbAsync(db => db.ThreadViewsDaily.Select(v => new { v.ThreadId, v.Day }).ToListAsync());
        Assert.NotEmpty(rows);
        Assert.Equal(rows.Count, rows.Distinct().Count());
    }
}
