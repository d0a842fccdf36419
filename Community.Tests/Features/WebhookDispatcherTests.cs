using System.Net;
using Community.Domain.Crm;
using Community.Domain.Outbox;
using Community.Tests.Support;
using Community.Web.Data;
using Community.Web.Features.Webhooks;
using Community.Web.Infrastructure.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Community.Tests.Features;

/// <summary>Dispatchers driven by the test, one round at a time: leases, races, pausing, rotation, filters, admin pages.</summary>
public class WebhookDispatcherTests(ManualWebhookApp app) : IClassFixture<ManualWebhookApp>
{
    /// <summary>A second (third…) dispatcher on the same database, as another app instance would run.</summary>
    private WebhookDispatcher NewDispatcher() => ActivatorUtilities.CreateInstance<WebhookDispatcher>(app.Services);

    private async Task<List<string>> TestEventsAsync(int endpointId, int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++) ids.Add(await app.SendAsync(new SendTestEvent.Command(endpointId, "tester")));
        return ids;
    }

    /// <summary>Runs rounds until nothing is due; returns how many deliveries this dispatcher attempted.</summary>
    private static async Task<int> DrainAsync(WebhookDispatcher dispatcher)
    {
        var total = 0;
        for (int n; (n = await dispatcher.RunOnceAsync(CancellationToken.None)) > 0;) total += n;
        return total;
    }

    [Fact]
    public async Task A_delivery_whose_dispatcher_died_mid_delivery_is_sent_again_once_its_lease_runs_out()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (endpointId, secret) = await app.EndpointAsync(receiver.Url);
        receiver.Secrets.Add(secret);
        try
        {
            var sent = await TestEventsAsync(endpointId, 3);
            var before = await app.DeliveriesAsync(endpointId);
            Assert.All(before, d => Assert.Equal((DeliveryStatus.Pending, null, 0), (d.Status, d.LeaseOwner, d.TotalAttempts)));
            var crashed = NewDispatcher();
            var claimed = await crashed.ClaimAsync(10, CancellationToken.None);
            var others = await app.WithDbAsync(db => db.WebhookDeliveries.Where(d => d.EndpointId != endpointId && d.Status == DeliveryStatus.Pending).CountAsync());
            Assert.True(sent.Order().SequenceEqual(claimed.Select(w => w.EventId).Order()),
                $"claimed {claimed.Count} of {sent.Count}; {others} pending deliveries of other endpoints; after: " +
                string.Join("; ", (await app.DeliveriesAsync(endpointId)).Select(d => $"{d.Id} {d.Status} {d.LeaseOwner} {d.NextAttemptAt:O}")));
            // The process dies here: nothing is sent, nothing recorded; the lease is all that is left.

            var survivor = NewDispatcher();
            Assert.Equal(0, await survivor.RunOnceAsync(CancellationToken.None));
            Assert.Empty(receiver.Requests);

            await app.WithDbAsync(db => db.WebhookDeliveries.Where(d => d.EndpointId == endpointId)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseExpiresAt, DateTimeOffset.UtcNow.AddSeconds(-1))));
            Assert.Equal(3, await survivor.RunOnceAsync(CancellationToken.None));
            Assert.Equal(sent.Order(), receiver.Accepted.Select(r => r.Id).Order());

            // The crashed dispatcher comes back and reports a failure for work it no longer owns: it is logged, not applied.
            await crashed.RecordAsync(claimed[0], DeliveryOutcome.Failure(null, "late report", 5), CancellationToken.None);
            var deliveries = await app.DeliveriesAsync(endpointId);
            Assert.All(deliveries, d => Assert.Equal(DeliveryStatus.Delivered, d.Status));
            Assert.Equal(4, await app.WithDbAsync(db => db.DeliveryAttempts.CountAsync(a => deliveries.Select(d => d.Id).Contains(a.DeliveryId))));
        }
        finally
        {
            await app.SendAsync(new DeleteEndpoint.Command(endpointId));
        }
    }

    [Fact]
    public async Task An_endpoint_deleted_while_its_request_is_in_flight_does_not_lose_the_other_results()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (keep, secret) = await app.EndpointAsync(receiver.Url);
        var (gone, _) = await app.EndpointAsync(receiver.Url);
        receiver.Secrets.Add(secret);
        try
        {
            await TestEventsAsync(keep, 1);
            await TestEventsAsync(gone, 1);
            var dispatcher = NewDispatcher();
            var claimed = await dispatcher.ClaimAsync(10, CancellationToken.None);
            var outcomes = new List<(WebhookDispatcher.Work, DeliveryOutcome)>();
            foreach (var w in claimed) outcomes.Add((w, await dispatcher.SendAsync(w, CancellationToken.None)));
            await app.SendAsync(new DeleteEndpoint.Command(gone));
            await dispatcher.RecordAsync(outcomes, CancellationToken.None);
            var kept = Assert.Single(await app.DeliveriesAsync(keep));
            Assert.Equal(DeliveryStatus.Delivered, kept.Status);
        }
        finally
        {
            await app.SendAsync(new DeleteEndpoint.Command(keep));
        }
    }

    [Fact]
    public async Task An_endpoint_with_undelivered_events_is_only_deleted_when_the_admin_confirms_and_can_move_instead()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (endpointId, secret) = await app.EndpointAsync("http://127.0.0.1:9/old-crm");
        receiver.Secrets.Add(secret);
        try
        {
            await TestEventsAsync(endpointId, 2);
            var admin = await app.LoginAsync(await app.CreateUserAsync(role: Roles.Admin));
            var page = $"/admin/webhooks/{endpointId}";
            var refused = await admin.PostFormAsync(page + "?handler=Delete", [], page);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("2 events have not been delivered", await refused.HtmlAsync());
            Assert.Equal(2, (await app.DeliveriesAsync(endpointId)).Count);

            var moved = await admin.PostFormAsync(page + "?handler=Update", new() { ["Url"] = receiver.Url, ["Description"] = "new CRM" }, page);
            Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
            await DrainAsync(NewDispatcher());
            Assert.Equal(2, receiver.Accepted.Count());

            Assert.Equal(HttpStatusCode.NotFound, (await admin.PostFormAsync("/admin/webhooks/999999?handler=Replay", new() { ["deliveryId"] = "1" }, page)).StatusCode);
            var deleted = await admin.PostFormAsync(page + "?handler=Delete", new() { ["ConfirmDelete"] = "true" }, page);
            Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
            Assert.False(await app.WithDbAsync(db => db.WebhookEndpoints.AnyAsync(e => e.Id == endpointId)));
        }
        finally
        {
            await app.WithDbAsync(db => db.WebhookEndpoints.Where(e => e.Id == endpointId).ExecuteDeleteAsync());
        }
    }

    [Fact]
    public async Task Two_dispatchers_on_one_database_never_send_the_same_delivery_twice()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Delay = TimeSpan.FromMilliseconds(15);
        var (endpointId, secret) = await app.EndpointAsync(receiver.Url);
        receiver.Secrets.Add(secret);
        try
        {
            var sent = await TestEventsAsync(endpointId, 120);
            // A generous attempt timeout: on a busy machine a 1-second one fires, the attempt is retried later and the
            // drain ends before that retry is due. Whether the race happens is not left to the scheduler either: all
            // three start from one signal, and which of them finds work does not matter to what is asserted.
            var options = app.Services.GetRequiredService<WebhookOptions>() with { Timeout = TimeSpan.FromSeconds(60) };
            var dispatchers = Enumerable.Range(0, 3).Select(_ => ActivatorUtilities.CreateInstance<WebhookDispatcher>(app.Services, options)).ToList();
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var runs = dispatchers.Select(d => Task.Run(async () =>
            {
                await start.Task;
                return await DrainAsync(d);
            })).ToList();
            start.SetResult();
            var counts = await Task.WhenAll(runs);

            Assert.Equal(120, receiver.Requests.Count);
            Assert.Equal(sent.Order(), receiver.Requests.Select(r => r.Id).Order());
            Assert.False(receiver.SawOverlappingDeliveries);
            Assert.Equal(120, counts.Sum());
            var deliveries = await app.DeliveriesAsync(endpointId);
            Assert.All(deliveries, d => Assert.Equal((DeliveryStatus.Delivered, 1), (d.Status, d.TotalAttempts)));
        }
        finally
        {
            await app.SendAsync(new DeleteEndpoint.Command(endpointId));
        }
    }

    [Fact]
    public async Task Dispatchers_claiming_in_turn_get_disjoint_batches_that_cover_every_delivery()
    {
        var (endpointId, _) = await app.EndpointAsync("http://127.0.0.1:9/unused");
        try
        {
            var sent = await TestEventsAsync(endpointId, 12);
            var claims = new List<IReadOnlyList<WebhookDispatcher.Work>>();
            foreach (var max in new[] { 5, 5, 100 })
                claims.Add(await NewDispatcher().ClaimAsync(max, CancellationToken.None));
            Assert.All(claims.Take(2), c => Assert.Equal(5, c.Count));
            var claimed = claims.SelectMany(c => c).Where(w => sent.Contains(w.EventId)).Select(w => w.EventId).ToList();
            Assert.Equal(claimed.Count, claimed.Distinct().Count());
            Assert.Equal(sent.Order(), claimed.Order());
        }
        finally
        {
            await app.SendAsync(new DeleteEndpoint.Command(endpointId));
        }
    }

    [Fact]
    public async Task A_paused_endpoint_keeps_its_deliveries_waiting_and_gets_them_when_resumed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (endpointId, secret) = await app.EndpointAsync(receiver.Url);
        receiver.Secrets.Add(secret);
        try
        {
            await app.SendAsync(new UpdateEndpoint.Command(endpointId, null, null, Paused: true));
            await TestEventsAsync(endpointId, 2);
            await DrainAsync(NewDispatcher());
            Assert.Empty(receiver.Requests);
            Assert.All(await app.DeliveriesAsync(endpointId), d => Assert.Equal((DeliveryStatus.Pending, 0), (d.Status, d.TotalAttempts)));

            await app.SendAsync(new UpdateEndpoint.Command(endpointId, null, null, Paused: false));
            await DrainAsync(NewDispatcher());
            Assert.Equal(2, receiver.Accepted.Count());
        }
        finally
        {
            await app.SendAsync(new DeleteEndpoint.Command(endpointId));
        }
    }

    [Fact]
    public async Task After_a_secret_rotation_requests_carry_both_signatures_until_the_overlap_ends()
    {
        await using var oldReceiver = await WebhookReceiver.StartAsync();
        var (endpointId, oldSecret) = await app.EndpointAsync(oldReceiver.Url);
        try
        {
            var newSecret = await app.SendAsync(new RotateSecret.Command(endpointId));
            Assert.NotEqual(oldSecret, newSecret);
            oldReceiver.Secrets.Add(oldSecret);
            await TestEventsAsync(endpointId, 1);
            await DrainAsync(NewDispatcher());
            var request = Assert.Single(oldReceiver.Accepted);
            Assert.Equal(2, request.SignatureHeader.Split(' ').Length);

            var onlyNew = new WebhookReceiver();
            onlyNew.Secrets.Add(newSecret);
            Assert.True(onlyNew.Verify(request.Id, request.Timestamp, request.Body, request.SignatureHeader));
            Assert.False(onlyNew.Verify(request.Id, request.Timestamp, request.Body + " ", request.SignatureHeader));

            await app.WithDbAsync(db => db.WebhookEndpoints.Where(e => e.Id == endpointId)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.PreviousSecretExpiresAt, DateTimeOffset.UtcNow.AddSeconds(-1))));
            oldReceiver.Secrets.Clear();
            oldReceiver.Secrets.Add(newSecret);
            await TestEventsAsync(endpointId, 1);
            await DrainAsync(NewDispatcher());
            Assert.Equal(2, oldReceiver.Accepted.Count());
            Assert.Single(oldReceiver.Accepted.Last().SignatureHeader.Split(' '));
        }
        finally
        {
            await app.SendAsync(new DeleteEndpoint.Command(endpointId));
        }
    }

    [Fact]
    public async Task One_persons_events_arrive_in_order_and_a_failing_one_holds_back_only_that_persons_later_events()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (endpointId, secret) = await app.EndpointAsync(receiver.Url);
        receiver.Secrets.Add(secret);
        try
        {
            var hub = await app.HubAsync();
            var (stuck, flowing) = (await app.CreateUserAsync(), await app.CreateUserAsync());
            var (stuckNumber, flowingNumber) = (GivenWebhooks.NewCustomerNumber(), GivenWebhooks.NewCustomerNumber());
            // The CRM cannot take the first person's events for now; the second person's go through.
            receiver.FailWhen = body => body.Contains(stuckNumber);
            await app.EarnKudosAsync(stuck, hub);
            await app.EarnKudosAsync(flowing, hub);
            await app.LinkAsync(stuck, stuckNumber);
            await app.LinkAsync(flowing, flowingNumber);
            for (var i = 0; i < 2; i++)
            {
                await app.EarnKudosAsync(stuck, hub);
                await app.EarnKudosAsync(flowing, hub);
            }
            string[] expected = [WebhookEventTypes.AccountLinked, WebhookEventTypes.ReputationCredited, WebhookEventTypes.ReputationCredited, WebhookEventTypes.ReputationCredited];
            List<WebhookReceiver.Request> Accepted(string number) => receiver.Accepted.Where(r => r.Body.Contains(number)).ToList();

            var dispatcher = NewDispatcher();
            await DrainAsync(dispatcher);
            Assert.Equal(expected, Accepted(flowingNumber).Select(r => r.Type));
            // Only the first person's account.linked was tried (and failed); their credits wait behind it.
            Assert.Equal([WebhookEventTypes.AccountLinked], receiver.Requests.Where(r => r.Body.Contains(stuckNumber)).Select(r => r.Type).Distinct());
            Assert.Empty(Accepted(stuckNumber));

            receiver.FailWhen = null;
            await app.WithDbAsync(db => db.WebhookDeliveries.Where(d => d.EndpointId == endpointId && d.Status != DeliveryStatus.Delivered)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Pending).SetProperty(d => d.NextAttemptAt, DateTimeOffset.UtcNow.AddSeconds(-1))));
            await DrainAsync(dispatcher);
            var arrived = Accepted(stuckNumber);
            Assert.Equal(expected, arrived.Select(r => r.Type));
            // The credits in ledger order.
            var ledgerIds = arrived.Select(r => r.Data.TryGetProperty("ledgerEntryId", out var id) && id.ValueKind == System.Text.Json.JsonValueKind.Number ? id.GetInt64() : (long?)null)
                .OfType<long>().ToList();
            Assert.Equal(2, ledgerIds.Count);
            Assert.Equal(ledgerIds.Order(), ledgerIds);
        }
        finally
        {
            await app.SendAsync(new DeleteEndpoint.Command(endpointId));
        }
    }

    /// <summary>
    /// One slow receiver holds a round; a dispatcher on a clock the test moves (timers included). Timeout 20 s, lease
    /// 45 s: an attempt may start while the lease has 40 s left, and the round renews the lease every 15 s.
    /// </summary>
    private async Task<(WebhookDispatcher Dispatcher, FakeTimeProvider Clock, WebhookReceiver Receiver, int EndpointId)> SlowRoundAsync()
    {
        var receiver = await WebhookReceiver.StartAsync();
        var (endpointId, secret) = await app.EndpointAsync(receiver.Url);
        receiver.Secrets.Add(secret);
        await TestEventsAsync(endpointId, 2);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = app.Services.GetRequiredService<WebhookOptions>() with { Timeout = TimeSpan.FromSeconds(20), LeaseDuration = TimeSpan.FromSeconds(45), MaxParallel = 1 };
        receiver.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return (ActivatorUtilities.CreateInstance<WebhookDispatcher>(app.Services, options, (TimeProvider)clock), clock, receiver, endpointId);
    }

    [Fact]
    public async Task A_round_starts_no_attempt_its_lease_would_not_cover_and_gives_that_delivery_back()
    {
        var (dispatcher, clock, receiver, endpointId) = await SlowRoundAsync();
        await using var _ = receiver;
        try
        {
            var round = dispatcher.RunOnceAsync(CancellationToken.None);
            await receiver.Arrived.Task;
            // 14 s into the round: the lease (45 s, not renewed yet) no longer covers a 20 s attempt plus its recording.
            clock.Advance(TimeSpan.FromSeconds(14));
            receiver.Gate!.SetResult();
            Assert.Equal(2, await round);

            var deliveries = await app.DeliveriesAsync(endpointId);
            Assert.Equal([DeliveryStatus.Delivered, DeliveryStatus.Pending], deliveries.Select(d => d.Status));
            Assert.Equal((0, null, null), (deliveries[1].TotalAttempts, deliveries[1].LeaseOwner, deliveries[1].LeaseExpiresAt));
            Assert.Single(receiver.Requests);
            Assert.Equal(1, await dispatcher.RunOnceAsync(CancellationToken.None));
            Assert.Equal(2, receiver.Accepted.Count());
        }
        finally
        {
            await app.SendAsync(new DeleteEndpoint.Command(endpointId));
        }
    }

    [Fact]
    public async Task A_round_held_up_by_a_slow_receiver_renews_its_lease_so_no_other_dispatcher_takes_its_deliveries()
    {
        var (dispatcher, clock, receiver, endpointId) = await SlowRoundAsync();
        await using var _ = receiver;
        try
        {
            // The round's own lease end moves after the stored one: waiting for the database alone raced with it.
            var renewed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            dispatcher.LeaseRenewed += () => renewed.TrySetResult();
            var round = dispatcher.RunOnceAsync(CancellationToken.None);
            await receiver.Arrived.Task;
            var claimed = (await app.DeliveriesAsync(endpointId))[1].LeaseExpiresAt!.Value;
            clock.Advance(TimeSpan.FromSeconds(16));
            await renewed.Task;
            await app.WaitForDeliveriesAsync(endpointId, ds => ds[1].LeaseExpiresAt > claimed, "the lease renewed");
            // Another instance whose clock is past the first lease's end still finds nothing to take.
            var other = ActivatorUtilities.CreateInstance<WebhookDispatcher>(app.Services, (TimeProvider)new FakeTimeProvider(claimed.AddSeconds(1)));
            Assert.Empty(await other.ClaimAsync(10, CancellationToken.None));
            receiver.Gate!.SetResult();
            Assert.Equal(2, await round);

            Assert.All(await app.DeliveriesAsync(endpointId), d => Assert.Equal((DeliveryStatus.Delivered, 1), (d.Status, d.TotalAttempts)));
            Assert.Equal(2, receiver.Requests.Count);
        }
        finally
        {
            await app.SendAsync(new DeleteEndpoint.Command(endpointId));
        }
    }

    [Fact]
    public async Task An_endpoint_gets_only_the_event_types_it_subscribed_to()
    {
        var (heroOnly, _) = await app.EndpointAsync("http://127.0.0.1:9/hero", WebhookEventTypes.HeroOfMonthAwarded);
        var (links, _) = await app.EndpointAsync("http://127.0.0.1:9/links", WebhookEventTypes.AccountLinked, WebhookEventTypes.AccountUnlinked);
        try
        {
            var helper = await app.CreateUserAsync();
            await app.EarnKudosAsync(helper, await app.HubAsync());
            await app.LinkAsync(helper, GivenWebhooks.NewCustomerNumber());

            Assert.Empty(await app.DeliveriesAsync(heroOnly));
            var types = await app.WithDbAsync(db => db.WebhookDeliveries.Where(d => d.EndpointId == links)
                .Join(db.OutboxEvents, d => d.OutboxEventId, e => e.Id, (d, e) => e.Type).ToListAsync());
            Assert.Equal([WebhookEventTypes.AccountLinked], types);
        }
        finally
        {
            await app.SendAsync(new DeleteEndpoint.Command(heroOnly));
            await app.SendAsync(new DeleteEndpoint.Command(links));
        }
    }

    [Fact]
    public async Task Only_admins_reach_the_webhook_pages()
    {
        Assert.Contains("/account/login", (await app.Browser().GetAsync("/admin/webhooks")).Headers.Location!.OriginalString);
        foreach (var role in new string?[] { null, Roles.Moderator, Roles.Support })
        {
            var client = await app.LoginAsync(await app.CreateUserAsync(role: role));
            var response = await client.GetAsync("/admin/webhooks");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/account/denied", response.Headers.Location!.OriginalString);
        }
        var admin = await app.LoginAsync(await app.CreateUserAsync(role: Roles.Admin));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/webhooks")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/webhooks/999999")).StatusCode);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/", "Loopback, private, link-local and cloud metadata addresses are not allowed")]
    [InlineData("http://[fe80::1]/hook", "Loopback, private, link-local and cloud metadata addresses are not allowed")]
    [InlineData("http://metadata.google.internal/computeMetadata/v1/", "Cloud metadata addresses are not allowed")]
    [InlineData("ftp://crm.example.com/hook", "Enter an absolute https:// URL")]
    [InlineData("not a url", "Enter an absolute https:// URL")]
    [InlineData("https://user:pw@crm.example.com/hook", "Credentials in the URL are not allowed")]
    [InlineData("", "Enter the receiver")]
    public async Task Refused_endpoint_urls_re_show_the_form_with_the_reason_and_save_nothing(string url, string message)
    {
        var admin = await app.LoginAsync(await app.CreateUserAsync(role: Roles.Admin));
        var before = await app.WithDbAsync(db => db.WebhookEndpoints.CountAsync());
        var response = await admin.PostFormAsync("/admin/webhooks?handler=Add", new() { ["Url"] = url, ["Description"] = "x" }, "/admin/webhooks");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.HtmlAsync();
        Assert.Contains(WebUtility.HtmlEncode(message).Replace("&#39;", "&#x27;"), html.Replace("&#x2F;", "/"));
        Assert.Contains("aria-invalid=\"true\"", html);
        Assert.Equal(before, await app.WithDbAsync(db => db.WebhookEndpoints.CountAsync()));
    }

    [Fact]
    public async Task A_connection_to_a_link_local_address_is_refused_at_connect_time_too()
    {
        // Saved directly, as if DNS pointed an accepted name there later.
        var endpointId = await app.WithDbAsync(async db =>
        {
            var e = new WebhookEndpoint { Url = "http://169.254.169.254/latest", Secret = WebhookSignature.NewSecret(), CreatedAt = DateTimeOffset.UtcNow };
            db.WebhookEndpoints.Add(e);
            await db.SaveChangesAsync();
            return e.Id;
        });
        try
        {
            await TestEventsAsync(endpointId, 1);
            await NewDispatcher().RunOnceAsync(CancellationToken.None);
            var delivery = Assert.Single(await app.DeliveriesAsync(endpointId));
            Assert.Equal((DeliveryStatus.Pending, 1), (delivery.Status, delivery.TotalAttempts));
            Assert.Contains("link-local or cloud-metadata", delivery.LastError);
        }
        finally
        {
            await app.SendAsync(new DeleteEndpoint.Command(endpointId));
        }
    }

    [Fact]
    public async Task The_admin_sends_a_test_event_pauses_and_rotates_from_the_endpoint_page()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (endpointId, secret) = await app.EndpointAsync(receiver.Url);
        receiver.Secrets.Add(secret);
        try
        {
            var admin = await app.LoginAsync(await app.CreateUserAsync(role: Roles.Admin));
            var page = $"/admin/webhooks/{endpointId}";
            Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(page + "?handler=Test", [], page)).StatusCode);
            await DrainAsync(NewDispatcher());
            var test = Assert.Single(receiver.Accepted);
            Assert.Equal("webhook.test", test.Type);

            await admin.PostFormAsync(page + "?handler=Pause", new() { ["paused"] = "true" }, page);
            Assert.Contains("data-testid=\"endpoint-status\">paused<", await (await admin.GetAsync(page)).HtmlAsync());

            var rotated = await admin.PostFormAsync(page + "?handler=Rotate", [], page);
            var html = await (await admin.GetAsync(rotated.Headers.Location!.OriginalString)).HtmlAsync();
            Assert.Contains("data-testid=\"new-secret\"", html);
            Assert.Contains("also carries a signature with the previous secret", html);
        }
        finally
        {
            await app.SendAsync(new DeleteEndpoint.Command(endpointId));
        }
    }
}
