using System.Net;
using System.Text.Json;
using Community.Domain.Crm;
using Community.Tests.Support;
using Community.Web.Features.Crm;
using Community.Web.Features.Threads;
using Community.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Community.Tests.Features;

/// <summary>Linking a customer number with consent, and what then goes into the outbox (nothing without a link).</summary>
public class CustomerLinkTests(CommunityApp app) : IClassFixture<CommunityApp>
{
    private Task<List<(string Type, JsonElement Data)>> EventsForAsync(TestUser user) => app.WithDbAsync(async db =>
        (await db.OutboxEvents.AsNoTracking().OrderBy(e => e.Id).Select(e => new { e.Type, e.Payload }).ToListAsync())
            .Select(e => (e.Type, JsonDocument.Parse(e.Payload).RootElement.GetProperty("data")))
            .Where(e => e.Item2.TryGetProperty("userId", out var id) && id.GetString() == user.Id)
            .ToList());

    [Fact]
    public async Task Linking_on_the_profile_stores_the_consent_and_sends_the_balance_as_one_opening_credit()
    {
        var hub = await app.HubAsync();
        var helper = await app.CreateUserAsync();
        await app.EarnKudosAsync(helper, hub);
        await app.EarnKudosAsync(helper, hub);
        Assert.Empty(await EventsForAsync(helper));

        var client = await app.LoginAsync(helper);
        var number = GivenWebhooks.NewCustomerNumber();
        var response = await client.PostFormAsync($"/u/{helper.Name}?handler=LinkCustomer", new() { ["CustomerNumber"] = $" {number} ", ["Consent"] = "true" }, $"/u/{helper.Name}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var link = await app.WithDbAsync(db => db.CustomerLinks.SingleAsync(l => l.UserId == helper.Id));
        Assert.Equal(number, link.CustomerNumber);
        Assert.Equal("2026-11", link.ConsentVersion);
        Assert.Contains("credited to my customer account", link.ConsentText);
        Assert.True(DateTimeOffset.UtcNow - link.ConsentedAt < TimeSpan.FromMinutes(1));

        var events = await EventsForAsync(helper);
        Assert.Equal([WebhookEventTypes.AccountLinked, WebhookEventTypes.ReputationCredited], events.Select(e => e.Type));
        var opening = events[1].Data;
        Assert.Equal(20, opening.GetProperty("points").GetInt32());
        Assert.Equal("opening_balance", opening.GetProperty("reason").GetString());
        Assert.Equal(number, opening.GetProperty("customerNumber").GetString());

        var page = await (await client.GetAsync(response.Headers.Location!.ToString())).HtmlAsync();
        Assert.Contains("••••" + number[^4..], page);
        Assert.DoesNotContain(number, page);
        Assert.Contains("<strong>20</strong> points credited so far", page);
    }

    [Fact]
    public async Task After_linking_each_ledger_row_is_sent_as_a_credit_or_debit_with_its_thread()
    {
        var hub = await app.HubAsync();
        var helper = await app.CreateUserAsync();
        var number = GivenWebhooks.NewCustomerNumber();
        await app.LinkAsync(helper, number);
        var (answerId, threadId, voter) = await app.EarnKudosAsync(helper, hub);
        await app.SendAsync(new WithdrawKudos.Command(new Actor(voter.Id, false), answerId));

        var events = await EventsForAsync(helper);
        Assert.Equal([WebhookEventTypes.AccountLinked, WebhookEventTypes.ReputationCredited, WebhookEventTypes.ReputationDebited], events.Select(e => e.Type));
        var credit = events[1].Data;
        Assert.Equal(10, credit.GetProperty("points").GetInt32());
        Assert.Equal(10, credit.GetProperty("balance").GetInt32());
        Assert.Equal("kudos_received", credit.GetProperty("reason").GetString());
        Assert.Equal(hub.Slug, credit.GetProperty("hub").GetString());
        Assert.Matches($"^https?://[^/]+/t/{threadId}/[a-z0-9-]+$", credit.GetProperty("threadUrl").GetString());
        var ledgerId = credit.GetProperty("ledgerEntryId").GetInt64();
        Assert.Equal(10, await app.WithDbAsync(db => db.Ledger.Where(l => l.Id == ledgerId).Select(l => l.Points).SingleAsync()));
        var debit = events[2].Data;
        Assert.Equal(10, debit.GetProperty("points").GetInt32());
        Assert.Equal(0, debit.GetProperty("balance").GetInt32());
        Assert.Equal("kudos_withdrawn", debit.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Users_who_have_not_linked_send_nothing_and_unlinking_stops_further_credits()
    {
        var hub = await app.HubAsync();
        var helper = await app.CreateUserAsync();
        var asker = await app.CreateUserAsync();
        var thread = await app.AskAsync(asker, hub, answers: 1, answerer: helper);
        await app.SendAsync(new MarkSolution.Command(new Actor(asker.Id, false), thread.Id, thread.AnswerIds[0]));
        await app.EarnKudosAsync(helper, hub);
        Assert.Empty(await EventsForAsync(helper));
        Assert.Empty(await EventsForAsync(asker));

        var number = GivenWebhooks.NewCustomerNumber();
        await app.LinkAsync(helper, number);
        var client = await app.LoginAsync(helper);
        var response = await client.PostFormAsync($"/u/{helper.Name}?handler=UnlinkCustomer", [], $"/u/{helper.Name}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await app.EarnKudosAsync(helper, hub);

        var events = await EventsForAsync(helper);
        Assert.Equal([WebhookEventTypes.AccountLinked, WebhookEventTypes.ReputationCredited, WebhookEventTypes.AccountUnlinked], events.Select(e => e.Type));
        Assert.Equal(25, events[1].Data.GetProperty("points").GetInt32());
        var link = await app.WithDbAsync(db => db.CustomerLinks.SingleAsync(l => l.UserId == helper.Id));
        Assert.NotNull(link.UnlinkedAt);
        Assert.Contains("Link customer account", await (await client.GetAsync($"/u/{helper.Name}")).HtmlAsync());
    }

    [Fact]
    public async Task Relinking_the_same_number_credits_only_what_was_earned_while_unlinked()
    {
        var hub = await app.HubAsync();
        var helper = await app.CreateUserAsync();
        var number = GivenWebhooks.NewCustomerNumber();
        await app.EarnKudosAsync(helper, hub);
        await app.LinkAsync(helper, number);
        await app.SendAsync(new UnlinkCustomerAccount.Command(helper.Id));
        await app.EarnKudosAsync(helper, hub);
        await app.LinkAsync(helper, number);

        var credits = (await EventsForAsync(helper)).Where(e => e.Type == WebhookEventTypes.ReputationCredited).Select(e => e.Data.GetProperty("points").GetInt32());
        Assert.Equal([10, 10], credits);
        Assert.Equal(2, await app.WithDbAsync(db => db.CustomerLinks.CountAsync(l => l.UserId == helper.Id)));
    }

    [Theory]
    [InlineData("12345678", false, "Consent", "tick the box")]
    [InlineData("", true, "CustomerNumber", "Enter your customer number")]
    [InlineData("12-34", true, "CustomerNumber", "not a valid customer number (for example 12345678)")]
    [InlineData("<script>alert(1)</script>", true, "CustomerNumber", "not a valid customer number")]
    public async Task Linking_without_consent_or_with_a_malformed_number_re_shows_the_form_and_saves_nothing(string number, bool consent, string field, string message)
    {
        var user = await app.CreateUserAsync();
        var client = await app.LoginAsync(user);
        var fields = new Dictionary<string, string> { ["CustomerNumber"] = number };
        if (consent) fields["Consent"] = "true";
        var response = await client.PostFormAsync($"/u/{user.Name}?handler=LinkCustomer", fields, $"/u/{user.Name}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.HtmlAsync();
        Assert.True(html.Contains(message), html[html.IndexOf("customer-account", StringComparison.Ordinal)..][..2000]);
        Assert.Contains($"id=\"{field}\"", html);
        Assert.Matches($"name=\"{field}\"[^>]*aria-invalid=\"true\"|id=\"{field}\"[^>]*aria-invalid=\"true\"", html);
        Assert.DoesNotContain("<script>alert(1)", html);
        Assert.False(await app.WithDbAsync(db => db.CustomerLinks.AnyAsync(l => l.UserId == user.Id)));
        Assert.Empty(await EventsForAsync(user));
    }

    [Fact]
    public async Task A_number_linked_to_another_account_is_refused_and_a_second_link_needs_an_unlink_first()
    {
        var first = await app.CreateUserAsync();
        var second = await app.CreateUserAsync();
        var number = GivenWebhooks.NewCustomerNumber();
        await app.LinkAsync(first, number);

        var client = await app.LoginAsync(second);
        var html = await (await client.PostFormAsync($"/u/{second.Name}?handler=LinkCustomer", new() { ["CustomerNumber"] = number, ["Consent"] = "true" }, $"/u/{second.Name}")).HtmlAsync();
        Assert.Contains("already linked to another community account", html);

        var again = await app.LoginAsync(first);
        html = await (await again.PostFormAsync($"/u/{first.Name}?handler=LinkCustomer", new() { ["CustomerNumber"] = GivenWebhooks.NewCustomerNumber(), ["Consent"] = "true" }, $"/u/{first.Name}")).HtmlAsync();
        Assert.Contains("already linked to a customer number. Unlink it first", html);
        Assert.Equal(1, await app.WithDbAsync(db => db.CustomerLinks.CountAsync(l => l.UserId == first.Id)));
    }

    [Fact]
    public async Task Two_links_racing_for_one_account_leave_exactly_one()
    {
        var user = await app.CreateUserAsync();
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            try { await app.LinkAsync(user, GivenWebhooks.NewCustomerNumber()); return true; }
            catch (Community.Domain.DomainException) { return false; }
        }));
        Assert.Equal(1, results.Count(ok => ok));
        Assert.Equal(1, await app.WithDbAsync(db => db.CustomerLinks.CountAsync(l => l.UserId == user.Id && l.UnlinkedAt == null)));
    }

    [Fact]
    public async Task Only_the_owner_can_link_or_unlink_and_visitors_must_log_in()
    {
        var owner = await app.CreateUserAsync();
        var other = await app.CreateUserAsync();
        var client = await app.LoginAsync(other);
        var response = await client.PostFormAsync($"/u/{owner.Name}?handler=LinkCustomer", new() { ["CustomerNumber"] = GivenWebhooks.NewCustomerNumber(), ["Consent"] = "true" }, $"/u/{other.Name}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/denied", response.Headers.Location!.OriginalString.Replace("http://localhost", ""));
        Assert.False(await app.WithDbAsync(db => db.CustomerLinks.AnyAsync(l => l.UserId == owner.Id)));

        var ownerPage = await (await client.GetAsync($"/u/{owner.Name}")).HtmlAsync();
        Assert.DoesNotContain("Link customer account", ownerPage);

        var visitor = app.Browser();
        var anonymous = await visitor.PostFormAsync($"/u/{owner.Name}?handler=UnlinkCustomer", [], "/account/login");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/account/login", anonymous.Headers.Location!.OriginalString);
    }
}
