using System.Net;
using Community.Domain.Notifications;
using Community.Domain.Outbox;
using Community.Tests.Support;
using Community.Web.Data;
using Community.Web.Features.Notifications;
using Community.Web.Features.Threads;
using Community.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Tests.Features;

/// <summary>Mail goes to a real SMTP listener on 127.0.0.1 through MailKit; retries are 1.5 s apart; the digest hour is midnight.</summary>
public sealed class MailApp : CommunityApp
{
    public SmtpListener Smtp { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Mail:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Mail:Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Mail:Smtp:Security", "None");
        builder.UseSetting("Mail:Smtp:Timeout", "00:00:05");
        builder.UseSetting("Mail:DigestHour", "0");
        for (var i = 0; i < 3; i++) builder.UseSetting($"Mail:RetryDelays:{i}", "00:00:01.5");
    }

    protected override void Dispose(bool disposing)
    {
        Smtp.Dispose();
        base.Dispose(disposing);
    }
}

public class NotificationMailTests(MailApp app) : IClassFixture<MailApp>
{
    /// <summary>Sends everything that is due, batch by batch.</summary>
    private async Task DispatchAsync()
    {
        var dispatcher = app.Services.GetRequiredService<MailDispatcher>();
        while (await dispatcher.RunOnceAsync(CancellationToken.None) > 0) { }
    }

    private Task<List<OutgoingMail>> MailsToAsync(TestUser user) => app.WithDbAsync(db => db.OutgoingMails.Where(m => m.UserId == user.Id).OrderBy(m => m.Id).ToListAsync());

    private Task SetPreferenceAsync(TestUser user, MailPreference preference) =>
        app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.MailPreference, preference)));

    [Fact]
    public async Task An_answer_to_my_question_is_mailed_at_once_with_a_one_click_unsubscribe()
    {
        var asker = await app.CreateUserAsync();
        var thread = await app.AskAsync(asker, await app.HubAsync(), title: "Mailbox quota full", answers: 1);
        Assert.Single(await MailsToAsync(asker));

        await DispatchAsync();
        var mail = Assert.Single(app.Smtp.Messages, m => m.To.Contains($"{asker.Name}@example.com"));
        Assert.Contains("answered your question", mail.Header("Subject"));
        Assert.Contains("/notifications/unsubscribe?u=", mail.Header("List-Unsubscribe"));
        Assert.Equal("List-Unsubscribe=One-Click", mail.Header("List-Unsubscribe-Post"));
        Assert.Equal(DeliveryStatus.Delivered, (await MailsToAsync(asker)).Single().Status);
        _ = thread;
    }

    [Fact]
    public async Task With_the_smtp_server_down_the_request_still_succeeds_and_the_mail_is_retried_until_it_is_back()
    {
        var asker = await app.CreateUserAsync();
        var thread = await app.AskAsync(asker, await app.HubAsync(), title: "Question while mail is down");
        app.Smtp.Stop();
        try
        {
            var helper = await app.LoginAsync(await app.CreateUserAsync());
            var answered = await helper.PostFormAsync($"{thread.Url}?handler=Answer", new() { ["AnswerBody"] = "Try restarting the router." }, thread.Url);
            Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);

            await DispatchAsync();
            var failed = (await MailsToAsync(asker)).Single();
            Assert.Equal((DeliveryStatus.Pending, 1), (failed.Status, failed.TotalAttempts));
            Assert.False(string.IsNullOrEmpty(failed.LastError));
        }
        finally
        {
            app.Smtp.Restart();
        }
        // The retry is due (rather than waiting out the configured delay).
        await app.WithDbAsync(db => db.OutgoingMails.ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, DateTimeOffset.UtcNow.AddSeconds(-1))));
        await DispatchAsync();
        var sent = (await MailsToAsync(asker)).Single();
        Assert.Equal((DeliveryStatus.Delivered, 2), (sent.Status, sent.TotalAttempts));
        Assert.Contains(app.Smtp.Messages, m => m.To.Contains($"{asker.Name}@example.com"));
    }

    [Fact]
    public async Task Digest_readers_get_one_mail_a_day_and_people_who_chose_off_get_none()
    {
        var digest = await app.CreateUserAsync();
        var off = await app.CreateUserAsync();
        await SetPreferenceAsync(digest, MailPreference.DailyDigest);
        await SetPreferenceAsync(off, MailPreference.Off);
        var hub = await app.HubAsync();
        await app.AskAsync(digest, hub, title: "First digest question", answers: 1);
        await app.AskAsync(digest, hub, title: "Second digest question", answers: 1);
        await app.AskAsync(off, hub, answers: 1);
        Assert.Empty(await MailsToAsync(digest));
        Assert.Empty(await MailsToAsync(off));

        Task<int> RunDigestAsync() => app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<CommunityDb>();
            await using var tx = await db.Database.BeginTransactionAsync();
            var n = await sp.GetRequiredService<DailyDigest>().RunAsync(CancellationToken.None);
            await tx.CommitAsync();
            return n;
        });
        await RunDigestAsync();
        var mail = Assert.Single(await MailsToAsync(digest));
        Assert.Contains("2 notifications", mail.Subject);
        Assert.Contains("First digest question", mail.HtmlBody);
        Assert.Contains("Second digest question", mail.HtmlBody);
        await RunDigestAsync();
        Assert.Single(await MailsToAsync(digest));
        Assert.Empty(await MailsToAsync(off));
    }

    [Fact]
    public async Task Watched_hubs_set_to_digest_wait_for_the_digest_while_the_persons_own_answers_still_mail_at_once()
    {
        var reader = await app.CreateUserAsync();
        var hub = await app.HubAsync();
        await app.SendAsync<Mediator.Unit>(new Community.Web.Features.Following.Follow.WatchHub(new Community.Web.Infrastructure.Actor(reader.Id, false), hub.Slug, Community.Domain.Following.WatchLevel.Watching));
        await app.SendAsync<Mediator.Unit>(new Community.Web.Features.Following.WatchedHubsChoice.Command(new Community.Web.Infrastructure.Actor(reader.Id, false), Community.Domain.Following.WatchedHubPosts.Digest));
        await app.AskAsync(await app.CreateUserAsync(), hub, title: "Quiet question in a watched hub");
        await app.FanOutAsync();
        await app.AskAsync(reader, hub, title: "The reader's own question", answers: 1);
        var atOnce = Assert.Single(await MailsToAsync(reader));
        Assert.Contains("answered your question", atOnce.Subject);

        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<CommunityDb>();
            await using var tx = await db.Database.BeginTransactionAsync();
            var n = await sp.GetRequiredService<DailyDigest>().RunAsync(CancellationToken.None);
            await tx.CommitAsync();
            return n;
        });
        var mails = await MailsToAsync(reader);
        Assert.Equal(2, mails.Count);
        var digestMail = mails.Single(m => m.Id != atOnce.Id);
        Assert.Contains("Quiet question in a watched hub", digestMail.HtmlBody);
        Assert.DoesNotContain("The reader&#x27;s own question", digestMail.HtmlBody);
        Assert.DoesNotContain("The reader's own question", digestMail.HtmlBody);
    }

    [Fact]
    public async Task The_unsubscribe_link_asks_once_then_stops_all_mail_and_a_forged_one_does_nothing()
    {
        var asker = await app.CreateUserAsync();
        await app.AskAsync(asker, await app.HubAsync(), answers: 1);
        var link = new Uri((await MailsToAsync(asker)).Single().UnsubscribeUrl!);
        var visitor = app.Browser();

        var page = await visitor.GetAsync(link.PathAndQuery);
        Assert.Contains("Stop all notification mail", await page.HtmlAsync());
        Assert.Equal(MailPreference.Immediate, await app.WithDbAsync(db => db.Users.Where(u => u.Id == asker.Id).Select(u => u.MailPreference).SingleAsync()));

        var forged = await visitor.PostAsync(link.PathAndQuery.Replace("&t=", "&t=0"), new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(MailPreference.Immediate, await app.WithDbAsync(db => db.Users.Where(u => u.Id == asker.Id).Select(u => u.MailPreference).SingleAsync()));

        // RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click" to the header's URL, without cookies or form tokens.
        var oneClick = await visitor.PostAsync(link.PathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        Assert.Contains("data-testid=\"unsubscribed\"", await oneClick.HtmlAsync());
        Assert.Equal(MailPreference.Off, await app.WithDbAsync(db => db.Users.Where(u => u.Id == asker.Id).Select(u => u.MailPreference).SingleAsync()));

        var client = await app.LoginAsync(asker);
        var saved = await client.PostFormAsync("/notifications?handler=Mail", new() { ["preference"] = "DailyDigest" }, "/notifications");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(MailPreference.DailyDigest, await app.WithDbAsync(db => db.Users.Where(u => u.Id == asker.Id).Select(u => u.MailPreference).SingleAsync()));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostFormAsync("/notifications?handler=Mail", new() { ["preference"] = "Hourly" }, "/notifications")).StatusCode);
    }

    [Fact]
    public async Task Accepted_answers_and_kudos_milestones_are_notified()
    {
        var asker = await app.CreateUserAsync();
        var helper = await app.CreateUserAsync();
        var thread = await app.AskAsync(asker, await app.HubAsync(), title: "Milestone thread", answers: 1, answerer: helper);
        await app.SendAsync(new MarkSolution.Command(new Actor(asker.Id, false), thread.Id, thread.AnswerIds[0]));
        for (var i = 0; i < 10; i++)
            await app.SendAsync(new GiveKudos.Command(new Actor((await app.CreateUserAsync()).Id, false), thread.AnswerIds[0]));
        var kinds = await app.WithDbAsync(db => db.Notifications.Where(n => n.UserId == helper.Id).Select(n => n.Kind).ToListAsync());
        Assert.Contains(NotificationKind.Solution, kinds);
        Assert.Single(kinds, k => k == NotificationKind.KudosMilestone);
    }
}
