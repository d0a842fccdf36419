using Community.Domain.Crm;
using Community.Web.Features.Crm;
using Community.Web.Features.Threads;
using Community.Web.Features.Webhooks;
using Community.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Community.Tests.Support;

/// <summary>Webhook settings that make retries and timeouts take a second, not days.</summary>
public class ManualWebhookApp : CommunityApp
{
    public const int RetryCount = 15;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Webhooks:Timeout", "00:00:01");
        builder.UseSetting("Webhooks:PollInterval", "00:00:00.05");
        for (var i = 0; i < RetryCount; i++) builder.UseSetting($"Webhooks:RetryDelays:{i}", "00:00:00.3");
    }
}

/// <summary>The same, with the background dispatcher running as in production.</summary>
public sealed class LiveWebhookApp : ManualWebhookApp
{
    protected override bool RunWebhookDispatcher => true;
}

public static class GivenWebhooks
{
    public static Task<(int Id, string Secret)> EndpointAsync(this CommunityApp app, string url, params string[] types) =>
        app.SendAsync(new AddEndpoint.Command(url, "test", string.Join(' ', types)));

    public static Task LinkAsync(this CommunityApp app, TestUser user, string customerNumber) =>
        app.SendAsync(new LinkCustomerAccount.Command(user.Id, customerNumber, true));

    /// <summary>A fresh customer number no other test uses.</summary>
    public static string NewCustomerNumber() => Random.Shared.NextInt64(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The helper answers a new question and a fresh member gives the answer kudos (+10). Returns the answer id and the voter.</summary>
    public static async Task<(int AnswerId, int ThreadId, TestUser Voter)> EarnKudosAsync(this CommunityApp app, TestUser helper, Community.Domain.Threads.Hub hub)
    {
        var thread = await app.AskAsync(await app.CreateUserAsync(), hub, answers: 1, answerer: helper);
        var voter = await app.CreateUserAsync();
        await app.SendAsync(new GiveKudos.Command(new Actor(voter.Id, false), thread.AnswerIds[0]));
        return (thread.AnswerIds[0], thread.Id, voter);
    }

    public static Task<List<WebhookDelivery>> DeliveriesAsync(this CommunityApp app, int endpointId) =>
        app.WithDbAsync(db => db.WebhookDeliveries.AsNoTracking().Where(d => d.EndpointId == endpointId).OrderBy(d => d.Id).ToListAsync());

    public static async Task WaitForDeliveriesAsync(this CommunityApp app, int endpointId, Func<List<WebhookDelivery>, bool> condition, string what, int seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var deliveries = await app.DeliveriesAsync(endpointId);
            if (condition(deliveries)) return;
            if (DateTime.UtcNow > until)
                throw new TimeoutException($"Waited {seconds} s for {what}: " + string.Join("; ", deliveries.Select(d => $"{d.Id} {d.Status} x{d.TotalAttempts} {d.LastError}")));
            await Task.Delay(50);
        }
    }

    /// <summary>Net points a receiver was told about for one customer number, each event counted once however often it arrived.</summary>
    public static int NetPointsReceived(this WebhookReceiver receiver, string customerNumber) =>
        receiver.Accepted.DistinctBy(r => r.Id)
            .Where(r => r.Type is WebhookEventTypes.ReputationCredited or WebhookEventTypes.ReputationDebited
                && r.Data.GetProperty("customerNumber").GetString() == customerNumber)
            .Sum(r => (r.Type == WebhookEventTypes.ReputationCredited ? 1 : -1) * r.Data.GetProperty("points").GetInt32());
}
