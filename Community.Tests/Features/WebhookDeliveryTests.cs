using System.Net;
using System.Text.RegularExpressions;
using Community.Domain.Crm;
using Community.Domain.Outbox;
using Community.Tests.Support;
using Community.Web.Data;
using Community.Web.Features.Threads;
using Community.Web.Features.Webhooks;
using Community.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Community.Tests.Features;

/// <summary>
/// The background dispatcher against a real receiver on 127.0.0.1 that verifies every signature itself.
/// Retries are 0.3 s apart and the timeout is 1 s here, so a three-day schedule plays out in seconds.
/// </summary>
public class WebhookDeliveryTests(LiveWebhookApp app) : IClassFixture<LiveWebhookApp>
{
    [Fact]
    public async Task An_admin_adds_an_endpoint_in_the_browser_and_a_linked_customers_kudos_and_solutions_arrive_signed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var admin = await app.CreateUserAsync(role: Roles.Admin);
        var browser = await app.LoginAsync(admin);
        var added = await browser.PostFormAsync("/admin/webhooks?handler=Add",
            new() { ["Url"] = receiver.Url, ["Description"] = "CRM" }, "/admin/webhooks");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var endpointPage = added.Headers.Location!.OriginalString;
        var endpointId = int.Parse(Regex.Match(endpointPage, @"/admin/webhooks/(\d+)").Groups[1].Value);
        var html = await (await browser.GetAsync(endpointPage)).HtmlAsync();
        var secret = WebUtility.HtmlDecode(Regex.Match(html, "data-testid=\"new-secret\">(whsec_[^<]+)<").Groups[1].Value);
        Assert.StartsWith("whsec_", secret);
        Assert.DoesNotContain(secret, await (await browser.GetAsync(endpointPage)).HtmlAsync());
        receiver.Secrets.Add(secret);

        try
        {
            var hub = await app.HubAsync();
            var helper = await app.CreateUserAsync();
            await app.EarnKudosAsync(helper, hub);
            var number = GivenWebhooks.NewCustomerNumber();
            var profile = await app.LoginAsync(helper);
            await profile.PostFormAsync($"/u/{helper.Name}?handler=LinkCustomer", new() { ["CustomerNumber"] = number, ["Consent"] = "true" }, $"/u/{helper.Name}");
            var asker = await app.CreateUserAsync();
            var thread = await app.AskAsync(asker, hub, answers: 1, answerer: helper);
            await app.SendAsync(new MarkSolution.Command(new Actor(asker.Id, false), thread.Id, thread.AnswerIds[0]));
            await app.SendAsync(new GiveKudos.Command(new Actor((await app.CreateUserAsync()).Id, false), thread.AnswerIds[0]));

            // linked, opening 10, solution 15, kudos 10
            await receiver.WaitUntilAsync(() => receiver.Accepted.Count() >= 4, "four events");
            var received = receiver.Accepted.ToList();
            Assert.All(received, r => Assert.True(r.SignatureValid));
            Assert.Equal(["account.linked", "reputation.credited", "reputation.credited", "reputation.credited"], received.Select(r => r.Type).Order());
            Assert.Equal(35, receiver.NetPointsReceived(number));
            Assert.Equal(35, await app.WithDbAsync(db => db.Users.Where(u => u.Id == helper.Id).Select(u => u.Reputation).SingleAsync()));
            var solution = received.Single(r => r.Data.TryGetProperty("reason", out var reason) && reason.GetString() == "solution_accepted");
            Assert.EndsWith($"/t/{thread.Id}/{thread.Slug}", solution.Data.GetProperty("threadUrl").GetString());
            Assert.All(received, r => Assert.Equal(r.Id, r.Json.GetProperty("id").GetString()));

            await app.WaitForDeliveriesAsync(endpointId, ds => ds.All(d => d.Status == DeliveryStatus.Delivered), "all delivered");
            var list = await (await browser.GetAsync(endpointPage + "?status=delivered")).HtmlAsync();
            Assert.Contains("reputation.credited", list);
            Assert.Contains(received[0].Id, list);
        }
        finally
        {
            await app.SendAsync(new DeleteEndpoint.Command(endpointId));
        }
    }

    [Fact]
    public async Task A_receiver_that_fails_times_out_and_refuses_connections_gets_every_event_once_it_recovers()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (endpointId, secret) = await app.EndpointAsync(receiver.Url);
        receiver.Secrets.Add(secret);
        try
        {
            receiver.Respond = WebhookReceiver.Mode.Fail500;
            // Held while the events are made, so every delivery goes through each kind of failure from the start.
            await app.SendAsync(new UpdateEndpoint.Command(endpointId, null, null, Paused: true));
            var hub = await app.HubAsync();
            var helper = await app.CreateUserAsync();
            var number = GivenWebhooks.NewCustomerNumber();
            await app.EarnKudosAsync(helper, hub);
            await app.LinkAsync(helper, number);
            var (answerId, _, voter) = await app.EarnKudosAsync(helper, hub);
            await app.EarnKudosAsync(helper, hub);
            await app.SendAsync(new WithdrawKudos.Command(new Actor(voter.Id, false), answerId));
            var eventIds = await app.WithDbAsync(db => db.WebhookDeliveries.Where(d => d.EndpointId == endpointId).OrderBy(d => d.Id)
                .Join(db.OutboxEvents, d => d.OutboxEventId, e => e.Id, (d, e) => e.EventId).ToListAsync());
            Assert.Equal(5, eventIds.Count); // linked, opening credit, credit, credit, debit
            await app.SendAsync(new UpdateEndpoint.Command(endpointId, null, null, Paused: false));

            // One person's events go out in order: while the first (account.linked) fails, the others wait their turn.
            bool HeadOnly(List<Community.Domain.Crm.WebhookDelivery> ds, Func<Community.Domain.Crm.WebhookDelivery, bool> failed) =>
                failed(ds[0]) && ds.Skip(1).All(d => d.TotalAttempts == 0);
            await app.WaitForDeliveriesAsync(endpointId, ds => HeadOnly(ds, d => d.LastStatusCode == 500), "a 500 for the first event");
            receiver.Respond = WebhookReceiver.Mode.Hang;
            await app.WaitForDeliveriesAsync(endpointId, ds => HeadOnly(ds, d => d.LastError?.Contains("timeout") == true), "a timeout for the first event");
            await receiver.StopAsync();
            await app.WaitForDeliveriesAsync(endpointId, ds => HeadOnly(ds, d => d.LastError?.Contains("refused", StringComparison.OrdinalIgnoreCase) == true), "a refused connection for the first event");
            Assert.Empty(receiver.Accepted);
            Assert.All(await app.DeliveriesAsync(endpointId), d => Assert.Equal(DeliveryStatus.Pending, d.Status));
            receiver.Respond = WebhookReceiver.Mode.Ok;
            await receiver.RestartAsync();
            await app.WaitForDeliveriesAsync(endpointId, ds => ds.All(d => d.Status == DeliveryStatus.Delivered), "recovery");

            // Every event arrived, in the order it was written: linked, opening credit, credit, credit, debit.
            Assert.Equal(eventIds, receiver.Accepted.Select(r => r.Id).Distinct());
            Assert.All(receiver.Requests, r => Assert.True(r.SignatureValid));
            // The same event kept its id and its body on every attempt.
            Assert.All(receiver.Requests.GroupBy(r => r.Id), g => Assert.Single(g.Select(r => r.Body).Distinct()));
            Assert.True(receiver.Requests.Count(r => r.Id == eventIds[0]) >= 3, "the first event was tried during the outage (500, hang, then accepted)");
            var reputation = await app.WithDbAsync(db => db.Users.Where(u => u.Id == helper.Id).Select(u => u.Reputation).SingleAsync());
            Assert.Equal(20, reputation);
            Assert.Equal(reputation, receiver.NetPointsReceived(number));

            var errors = await app.WithDbAsync(db => db.DeliveryAttempts
                .Where(a => db.WebhookDeliveries.Any(d => d.Id == a.DeliveryId && d.EndpointId == endpointId))
                .Select(a => new { a.StatusCode, a.Error }).ToListAsync());
            Assert.Contains(errors, e => e.StatusCode == 500);
            Assert.Contains(errors, e => e.StatusCode is null && e.Error!.Contains("timeout"));
            Assert.Contains(errors, e => e.StatusCode is null && e.Error!.Contains("refused", StringComparison.OrdinalIgnoreCase));
            Assert.Contains(errors, e => e.StatusCode == 200);
        }
        finally
        {
            await app.SendAsync(new DeleteEndpoint.Command(endpointId));
        }
    }

    [Fact]
    public async Task After_the_last_retry_a_delivery_is_dead_lettered_shown_to_admins_and_replayed_on_request()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (endpointId, secret) = await app.EndpointAsync(receiver.Url, WebhookEventTypes.AccountLinked);
        receiver.Secrets.Add(secret);
        try
        {
            receiver.Respond = WebhookReceiver.Mode.Fail500;
            var user = await app.CreateUserAsync();
            await app.LinkAsync(user, GivenWebhooks.NewCustomerNumber());
            await app.WaitForDeliveriesAsync(endpointId, ds => ds.Count == 1 && ds[0].Status == DeliveryStatus.DeadLettered, "the dead letter");
            var dead = (await app.DeliveriesAsync(endpointId)).Single();
            Assert.Equal(ManualWebhookApp.RetryCount + 1, dead.TotalAttempts); // the first try and every retry
            Assert.Equal(500, dead.LastStatusCode);
            Assert.Contains("receiver is having a bad day", dead.LastError);

            var admin = await app.LoginAsync(await app.CreateUserAsync(role: Roles.Admin));
            var overview = await (await admin.GetAsync("/admin/webhooks")).HtmlAsync();
            Assert.Contains("data-testid=\"dead-letters\"", overview);
            var detail = await (await admin.GetAsync($"/admin/webhooks/{endpointId}?status=dead")).HtmlAsync();
            Assert.Contains("dead-lettered", detail);
            Assert.Contains("receiver is having a bad day", detail);

            receiver.Respond = WebhookReceiver.Mode.Ok;
            var replay = await admin.PostFormAsync($"/admin/webhooks/{endpointId}?handler=Replay",
                new() { ["deliveryId"] = dead.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, $"/admin/webhooks/{endpointId}");
            Assert.Equal(HttpStatusCode.Redirect, replay.StatusCode);
            await app.WaitForDeliveriesAsync(endpointId, ds => ds[0].Status == DeliveryStatus.Delivered, "the replay");
            Assert.Single(receiver.Accepted);
            Assert.Equal(ManualWebhookApp.RetryCount + 2, (await app.DeliveriesAsync(endpointId)).Single().TotalAttempts);
        }
        finally
        {
            await app.SendAsync(new DeleteEndpoint.Command(endpointId));
        }
    }
}
