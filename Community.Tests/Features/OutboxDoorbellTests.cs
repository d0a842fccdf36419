using Community.Domain.Crm;
using Community.Domain.Outbox;
using Community.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace Community.Tests.Features;

/// <summary>Both dispatchers run, an hour between polls: only the doorbell can make them send promptly.</summary>
public sealed class DoorbellApp : ManualWebhookApp
{
    public SmtpListener Smtp { get; } = new();

    protected override bool RunWebhookDispatcher => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Webhooks:PollInterval", "01:00:00");
        builder.UseSetting("Mail:DispatcherEnabled", "true");
        builder.UseSetting("Mail:PollInterval", "01:00:00");
        builder.UseSetting("Mail:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Mail:Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Mail:Smtp:Security", "None");
    }

    protected override void Dispose(bool disposing)
    {
        Smtp.Dispose();
        base.Dispose(disposing);
    }
}

public class OutboxDoorbellTests(DoorbellApp app) : IClassFixture<DoorbellApp>
{
    [Fact]
    public async Task A_commit_that_writes_outbox_rows_wakes_the_webhook_and_mail_dispatchers_without_waiting_for_the_poll()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (endpointId, secret) = await app.EndpointAsync(receiver.Url);
        receiver.Secrets.Add(secret);
        try
        {
            var helper = await app.CreateUserAsync();
            await app.EarnKudosAsync(helper, await app.HubAsync());
            await app.LinkAsync(helper, GivenWebhooks.NewCustomerNumber());
            await app.WaitForDeliveriesAsync(endpointId, ds => ds.Count == 2 && ds.All(d => d.Status == DeliveryStatus.Delivered), "account.linked and the opening credit");
            Assert.Equal([WebhookEventTypes.AccountLinked, WebhookEventTypes.ReputationCredited], receiver.Accepted.Select(r => r.Type));

            var asker = await app.CreateUserAsync();
            await app.AskAsync(asker, await app.HubAsync(), answers: 1);
            var until = DateTime.UtcNow.AddSeconds(30);
            while (!app.Smtp.Messages.Any(m => m.To.Contains($"{asker.Name}@example.com")))
            {
                Assert.True(DateTime.UtcNow < until, "The answer mail did not arrive within 30 s; the next poll is an hour away.");
                await Task.Delay(20);
            }
        }
        finally
        {
            await app.SendAsync(new Community.Web.Features.Webhooks.DeleteEndpoint.Command(endpointId));
        }
    }
}
