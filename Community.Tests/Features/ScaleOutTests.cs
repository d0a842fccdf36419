using System.Net;
using Community.Domain.Crm;
using Community.Domain.Outbox;
using Community.Tests.Support;
using Community.Web.Features.Threads;
using Community.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;

namespace Community.Tests.Features;

/// <summary>
/// Three instances on one database and one Redis, as behind a load balancer: every request may land on any of them.
/// Each runs the webhook and mail dispatchers, so they compete for the same outbox rows.
/// </summary>
public sealed class ScaleOutTests
{
    private sealed class Instance : RedisInstanceApp
    {
        public Instance(string redis, string name) : base(redis, name) { }

        public Instance(CommunityApp first, string redis, string name) : base(first, redis, name) { }

        protected override bool RunWebhookDispatcher => true;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Webhooks:PollInterval", "00:00:00.05");
            builder.UseSetting("Mail:DispatcherEnabled", "true");
            builder.UseSetting("Mail:PollInterval", "00:00:00.05");
        }
    }

    /// <summary>One browser: its cookies go with each request, whichever instance answers it.</summary>
    private static HttpClient Browser(CommunityApp app, CookieContainer cookies) =>
        app.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies));

    [RedisFact]
    public async Task Three_instances_share_sign_in_and_cache_and_send_each_webhook_and_mail_once_under_concurrent_writes()
    {
        using var redis = new RedisServer();
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var web1 = new Instance(redis.ConnectionString, "web-1");
        _ = web1.Services;
        await using var web2 = new Instance(web1, redis.ConnectionString, "web-2");
        await using var web3 = new Instance(web1, redis.ConnectionString, "web-3");
        CommunityApp[] instances = [web1, web2, web3];
        foreach (var app in instances) _ = app.Services;
        var (endpointId, secret) = await web1.EndpointAsync(receiver.Url, WebhookEventTypes.ReputationCredited);
        receiver.Secrets.Add(secret);

        // Signed in on web-1, the same cookie answers on web-2 (the key ring is in the database).
        var asker = await web1.CreateUserAsync();
        var hub = await web1.HubAsync();
        var thread = await web1.AskAsync(asker, hub, "Drei Instanzen hinter einem Load Balancer");
        var cookies = new CookieContainer();
        var onWeb1 = Browser(web1, cookies);
        Assert.Equal(HttpStatusCode.Redirect, (await onWeb1.PostFormAsync("/account/login", new() { ["Login"] = asker.Name, ["Password"] = TestUser.Password })).StatusCode);
        var helper = await web1.CreateUserAsync();
        var helperCookies = new CookieContainer();
        Assert.Equal(HttpStatusCode.Redirect, (await Browser(web1, helperCookies).PostFormAsync("/account/login", new() { ["Login"] = helper.Name, ["Password"] = TestUser.Password })).StatusCode);

        // An anonymous page cached on web-3 ...
        Assert.Equal(HttpStatusCode.OK, (await web3.Browser().GetAsync(thread.Url)).StatusCode);
        Assert.Equal("HIT", Assert.Single((await web3.Browser().GetAsync(thread.Url)).Headers.GetValues("X-Cache")));
        // ... shows an answer posted through web-2 with the cookie from web-1.
        var answered = await Browser(web2, helperCookies).PostFormAsync($"{thread.Url}?handler=Answer", new() { ["AnswerBody"] = "Antwort über Instanz zwei mit dem Cookie von Instanz eins" }, formPage: thread.Url);
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        var fresh = await web3.Browser().GetAsync(thread.Url);
        Assert.Contains("Antwort über Instanz zwei mit dem Cookie von Instanz eins", await fresh.HtmlAsync());

        // Concurrent writers on all three instances: answers, kudos and solutions by linked customers.
        var helpers = new List<(TestUser User, string Customer)>();
        for (var i = 0; i < 6; i++)
        {
            var user = await web1.CreateUserAsync();
            var customer = GivenWebhooks.NewCustomerNumber();
            await web1.LinkAsync(user, customer);
            helpers.Add((user, customer));
        }
        var askers = new List<TestUser>();
        for (var i = 0; i < 6; i++) askers.Add(await web1.CreateUserAsync());
        await web1.WithDbAsync(db => db.Users.Where(u => askers.Select(a => a.Id).Contains(u.Id)).ExecuteUpdateAsync(s => s.SetProperty(u => u.MailPreference, Community.Domain.Notifications.MailPreference.Immediate)));
        var voters = new List<TestUser>();
        for (var i = 0; i < 6; i++) voters.Add(await web1.CreateUserAsync());

        var failures = new List<Exception>();
        var writers = Enumerable.Range(0, 36).Select(w => Task.Run(async () =>
        {
            var app = instances[w % 3];
            try
            {
                var who = askers[w % askers.Count];
                var ask = await app.SendAsync(new Ask.Command(new Actor(who.Id, false), hub.Slug, $"Frage {w} unter Last", "Wie geht das unter Last?", "last"));
                var by = helpers[w % helpers.Count];
                var answer = await instances[(w + 1) % 3].SendAsync(new Answer.Command(new Actor(by.User.Id, false), ask.Id, $"Antwort {w} unter Last"));
                await instances[(w + 2) % 3].SendAsync(new GiveKudos.Command(new Actor(voters[w % voters.Count].Id, false), answer));
                await app.SendAsync(new MarkSolution.Command(new Actor(who.Id, false), ask.Id, answer));
            }
            catch (Exception e)
            {
                lock (failures) failures.Add(e);
            }
        })).ToList();
        await Task.WhenAll(writers);
        Assert.Empty(failures);

        // Nothing lost: every thread and answer is there, every total equals its ledger rows.
        await web2.WithDbAsync(async db =>
        {
            Assert.Equal(36, await db.Threads.CountAsync(t => t.Title.EndsWith(" unter Last")));
            Assert.Equal(36, await db.Posts.CountAsync(p => !p.IsQuestion && p.BodyMarkdown.EndsWith(" unter Last")));
            var ledger = await db.Ledger.GroupBy(l => l.UserId).Select(g => new { g.Key, Points = g.Sum(l => l.Points) }).ToDictionaryAsync(x => x.Key, x => x.Points);
            foreach (var (user, _) in helpers)
                Assert.Equal(ledger.GetValueOrDefault(user.Id), await db.Users.Where(u => u.Id == user.Id).Select(u => u.Reputation).SingleAsync());
        });

        // Every credit reaches the CRM, each delivery recorded once and delivered; every mail written once.
        await web1.WaitForDeliveriesAsync(endpointId, d => d.Count > 0 && d.All(x => x.Status == DeliveryStatus.Delivered), "all credits delivered", seconds: 60);
        var deliveries = await web1.DeliveriesAsync(endpointId);
        Assert.Equal(deliveries.Count, deliveries.Select(d => d.OutboxEventId).Distinct().Count());
        Assert.Equal(deliveries.Count, receiver.Accepted.Select(r => r.Id).Distinct().Count());
        var ledgerPoints = await web1.WithDbAsync(db => db.Ledger.GroupBy(l => l.UserId).Select(g => new { g.Key, Points = g.Sum(l => l.Points) }).ToDictionaryAsync(x => x.Key, x => x.Points));
        foreach (var (user, customer) in helpers) Assert.Equal(ledgerPoints.GetValueOrDefault(user.Id), receiver.NetPointsReceived(customer));

        var mails = await web1.WithDbAsync(async db =>
        {
            var until = DateTime.UtcNow.AddSeconds(60);
            while (await db.OutgoingMails.AnyAsync(m => m.Status == DeliveryStatus.Pending) && DateTime.UtcNow < until) await Task.Delay(50);
            return await db.OutgoingMails.AsNoTracking().ToListAsync();
        });
        Assert.True(mails.Count >= 36, $"{mails.Count} mails");
        Assert.All(mails, m => Assert.Equal(DeliveryStatus.Delivered, m.Status));
        Assert.Equal(mails.Count, Directory.GetFiles(web1.MailDirectory, "*.eml").Length);
    }
}
