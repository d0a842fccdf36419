using System.Net;
using System.Text.Json;
using Community.Tests.Support;
using Community.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Tests.Features;

/// <summary>A person downloads everything stored about them, and deletes their account without breaking threads or totals.</summary>
public class PrivacyTests(CommunityApp app) : IClassFixture<CommunityApp>
{
    [Fact]
    public async Task The_export_holds_profile_posts_ledger_consents_and_notifications()
    {
        var user = await app.CreateUserAsync();
        var thread = await app.AskAsync(await app.CreateUserAsync(), await app.HubAsync(), title: "Export thread", answers: 1, answerer: user);
        await app.SendAsync(new Community.Web.Features.Threads.GiveKudos.Command(new Community.Web.Infrastructure.Actor((await app.CreateUserAsync()).Id, false), thread.AnswerIds[0]));
        await app.LinkAsync(user, GivenWebhooks.NewCustomerNumber());

        var client = await app.LoginAsync(user);
        var response = await client.GetAsync("/account/data?handler=Export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition!.ToString());
        var data = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(user.Name, data.GetProperty("profile").GetProperty("name").GetString());
        Assert.Equal($"{user.Name}@example.com", data.GetProperty("profile").GetProperty("email").GetString());
        Assert.Contains(data.GetProperty("posts").EnumerateArray(), p => p.GetProperty("markdown").GetString() == "Answer number 1");
        Assert.Equal(10, data.GetProperty("ledger").EnumerateArray().Sum(l => l.GetProperty("points").GetInt32()));
        Assert.Single(data.GetProperty("consents").EnumerateArray());
        Assert.NotEmpty(data.GetProperty("notifications").EnumerateArray());
        Assert.Equal(HttpStatusCode.Redirect, (await app.Browser().GetAsync("/account/data?handler=Export")).StatusCode);
    }

    [Fact]
    public async Task Deleting_erases_personal_data_keeps_posts_and_ledger_and_unlinks_the_customer_account()
    {
        var user = await app.CreateUserAsync();
        var token = await app.CreateTokenAsync(user);
        var thread = await app.AskAsync(await app.CreateUserAsync(), await app.HubAsync(), title: "Thread outliving its helper", answers: 1, answerer: user);
        await app.SendAsync(new Community.Web.Features.Threads.GiveKudos.Command(new Community.Web.Infrastructure.Actor((await app.CreateUserAsync()).Id, false), thread.AnswerIds[0]));
        var number = GivenWebhooks.NewCustomerNumber();
        await app.LinkAsync(user, number);
        var client = await app.LoginAsync(user);

        var wrong = await client.PostFormAsync("/account/data?handler=Delete", new() { ["Password"] = "not-my-password", ["Confirm"] = "true" }, "/account/data");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        Assert.Contains("That is not your password", await wrong.HtmlAsync());
        var unconfirmed = await client.PostFormAsync("/account/data?handler=Delete", new() { ["Password"] = TestUser.Password }, "/account/data");
        Assert.Contains("Tick the box", await unconfirmed.HtmlAsync());
        Assert.Equal(user.Name, await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.UserName).SingleAsync()));

        var deleted = await client.PostFormAsync("/account/data?handler=Delete", new() { ["Password"] = TestUser.Password, ["Confirm"] = "true" }, "/account/data");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);

        var row = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Id == user.Id));
        Assert.StartsWith("deleted-user-", row.UserName);
        Assert.Null(row.Email);
        Assert.Null(row.PasswordHash);
        Assert.Equal(10, row.Reputation);
        Assert.Equal(10, await app.WithDbAsync(db => db.Ledger.Where(l => l.UserId == user.Id).SumAsync(l => l.Points)));
        Assert.False(await app.WithDbAsync(db => db.ApiTokens.AnyAsync(t => t.UserId == user.Id)));
        Assert.False(await app.WithDbAsync(db => db.CustomerLinks.AnyAsync(l => l.CustomerNumber == number)));
        var unlinked = await app.WithDbAsync(db => db.OutboxEvents.Where(e => e.Type == "account.unlinked" && e.Payload.Contains(user.Id)).CountAsync());
        Assert.Equal(1, unlinked);

        var page = await (await app.Browser().GetAsync(thread.Url)).HtmlAsync();
        Assert.Contains("Answer number 1", page);
        Assert.Contains(row.UserName!, page);
        Assert.DoesNotContain(user.Name, page);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync($"/u/{user.Name}")).StatusCode);
        var login = await app.Browser().PostFormAsync("/account/login", new() { ["Login"] = user.Name, ["Password"] = TestUser.Password });
        Assert.NotEqual(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/notifications")).StatusCode);
        var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/notifications")).StatusCode);

        // Events no longer name the person, but keep the customer number: a credit earned while linked and delivered (or
        // replayed from the dead letters) after the deletion must still reach the right customer account.
        var payloads = await app.WithDbAsync(db => db.OutboxEvents.Where(e => e.Payload.Contains(user.Id)).Select(e => new { e.Type, e.Payload }).ToListAsync());
        Assert.Contains(payloads, p => p.Type == "account.unlinked");
        Assert.All(payloads, p => Assert.DoesNotContain(user.Name, p.Payload));
        Assert.All(payloads.Where(p => p.Type.StartsWith("reputation.") || p.Type.StartsWith("account.")), p => Assert.Contains(number, p.Payload));
        // The community's own record of the link keeps only the last four digits.
        Assert.All(await app.WithDbAsync(db => db.CustomerLinks.Where(l => l.UserId == user.Id).Select(l => l.CustomerNumber).ToListAsync()),
            n => Assert.Equal("••••" + number[^4..], n));

        // A deleted helper is nobody's expert any more.
        var experts = await app.WithScopeAsync(async sp => await Community.Web.Features.Reputation.Leaderboard.TopAsync(
            sp.GetRequiredService<CommunityDb>(), sp.GetRequiredService<Community.Domain.Reputation.CommunityCalendar>(), DateTimeOffset.UtcNow,
            Community.Domain.Reputation.ReputationDaily.AllHubs, Community.Web.Features.Reputation.Period.AllTime, 100, CancellationToken.None));
        Assert.DoesNotContain(experts, e => e.UserId == user.Id);
    }
}
