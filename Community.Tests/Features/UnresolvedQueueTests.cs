using System.Net;
using Community.Domain.Reputation;
using Community.Tests.Support;
using Community.Web.Data;
using Community.Web.Features.Reputation;
using Community.Web.Features.Threads;
using Community.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Tests.Features;

/// <summary>Contracts answer within 8 hours, everything else within 24; solutions within 7 days.</summary>
public sealed class SlaApp : ClockedCommunityApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Sla:FirstAnswerHours", "24");
        builder.UseSetting("Sla:SolutionDays", "7");
        builder.UseSetting("Sla:Hubs:sla-contracts:FirstAnswerHours", "8");
    }
}

public class UnresolvedQueueTests(SlaApp app) : IClassFixture<SlaApp>
{
    private async Task GrantAsync(TestUser user, int points, int? hubId = null) => await app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<CommunityDb>();
        await using var tx = await db.Database.BeginTransactionAsync();
        await sp.GetRequiredService<ReputationBook>().BookAsync(new Booking(user.Id, points, PointsReason.HeroOfTheMonth), app.Clock.GetUtcNow(), null, null, hubId);
        await tx.CommitAsync();
        return 0;
    });

    [Fact]
    public async Task The_queue_orders_open_threads_by_urgency_and_marks_breaches_per_hub_target()
    {
        var contracts = await app.HubAsync("sla-contracts", "Contracts");
        var sub = await app.WithDbAsync(async db =>
        {
            var h = new Community.Domain.Threads.Hub { Slug = "sla-roaming", Name = "Roaming", ParentId = contracts.Id };
            db.Hubs.Add(h);
            await db.SaveChangesAsync();
            return h;
        });
        var phones = await app.HubAsync("sla-phones", "Phones");
        var asker = await app.CreateUserAsync();
        var start = new DateTimeOffset(2027, 3, 1, 8, 0, 0, TimeSpan.Zero);

        app.Clock.Set(start);
        var roaming = await app.AskAsync(asker, sub, title: "Roaming charges in Switzerland");      // inherits 8 h from Contracts
        var phone = await app.AskAsync(asker, phones, title: "Phone screen flickers");             // 24 h default
        app.Clock.Set(start.AddDays(-8));
        var stale = await app.AskAsync(asker, phones, title: "Old question with an answer", answers: 1);
        app.Clock.Set(start.AddHours(10));
        var solved = await app.AskAsync(asker, phones, title: "Solved question", answers: 1);
        await app.SendAsync(new MarkSolution.Command(new Actor(asker.Id, false), solved.Id, solved.AnswerIds[0]));

        var moderator = await app.LoginAsync(await app.CreateUserAsync(role: Roles.Moderator));
        var html = await (await moderator.GetAsync("/queue")).HtmlAsync();
        int Pos(string title) => html.IndexOf(title, StringComparison.Ordinal);
        Assert.True(Pos("Roaming charges") > 0 && Pos("Old question with an answer") > Pos("Roaming charges"), "unanswered breaches come first");
        Assert.True(Pos("Phone screen flickers") > Pos("Old question with an answer"), "a thread within its 24 hours comes after the breaches");
        Assert.Equal(-1, Pos(">Solved question</a>"));
        Assert.Contains("data-testid=\"first-answer-breaches\">1<", html);
        Assert.Contains("data-testid=\"solution-breaches\">1<", html);
        Assert.Contains($"data-thread-id=\"{roaming.Id}\"", html);

        var onlyContracts = await (await moderator.GetAsync("/queue?hub=sla-contracts")).HtmlAsync();
        Assert.Contains("Roaming charges", onlyContracts);
        Assert.DoesNotContain("Phone screen flickers", onlyContracts);
        var breached = await (await moderator.GetAsync("/queue?breached=true")).HtmlAsync();
        Assert.DoesNotContain("Phone screen flickers", breached);
        Assert.Equal(HttpStatusCode.NotFound, (await moderator.GetAsync("/queue?hub=no-such-hub")).StatusCode);

        // A phones expert sees the phones questions offered to them.
        var expert = await app.CreateUserAsync();
        await GrantAsync(expert, 300, phones.Id);
        var mine = await (await (await app.LoginAsync(expert)).GetAsync("/queue?mine=true")).HtmlAsync();
        Assert.Contains("Old question with an answer", mine);
        Assert.DoesNotContain("Roaming charges", mine);
        Assert.Contains("Your hubs: Phones", mine);
        _ = stale;
        _ = phone;
    }

    [Fact]
    public async Task A_thread_nobody_answered_in_time_is_offered_once_to_the_hubs_experts()
    {
        var hub = await app.HubAsync();
        var expert = await app.CreateUserAsync();
        var start = new DateTimeOffset(2027, 5, 3, 9, 0, 0, TimeSpan.Zero);
        app.Clock.Set(start);
        await GrantAsync(expert, 120, hub.Id);
        var waiting = await app.AskAsync(await app.CreateUserAsync(), hub, title: "Nobody answers me");
        var answered = await app.AskAsync(await app.CreateUserAsync(), hub, title: "Answered quickly", answers: 1);

        Task<int> OfferAsync() => app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<CommunityDb>();
            await using var tx = await db.Database.BeginTransactionAsync();
            var n = await sp.GetRequiredService<Community.Web.Features.Queue.OfferToExperts>().RunAsync(CancellationToken.None);
            await tx.CommitAsync();
            return n;
        });
        app.Clock.Set(start.AddHours(23));
        await OfferAsync();
        Assert.False(await app.WithDbAsync(db => db.ExpertInvitations.AnyAsync(i => i.ThreadId == waiting.Id)));

        app.Clock.Set(start.AddHours(25));
        await OfferAsync();
        await OfferAsync();
        var invitation = await app.WithDbAsync(db => db.ExpertInvitations.SingleAsync(i => i.ThreadId == waiting.Id));
        Assert.Equal((expert.Id, "sla"), (invitation.ExpertId, invitation.InvitedById));
        Assert.Equal(1, await app.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == expert.Id && n.Text.Contains("Nobody answers me"))));
        Assert.False(await app.WithDbAsync(db => db.ExpertInvitations.AnyAsync(i => i.ThreadId == answered.Id)));
    }

    [Fact]
    public async Task The_queue_needs_the_rank_that_grants_it()
    {
        Assert.Contains("/account/login", (await app.Browser().GetAsync("/queue")).Headers.Location!.OriginalString);
        var newcomer = await app.CreateUserAsync();
        var refused = await (await app.LoginAsync(newcomer)).GetAsync("/queue");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("see the unanswered-thread queue", await refused.HtmlAsync());

        var kenner = await app.CreateUserAsync();
        await GrantAsync(kenner, 250);
        Assert.Equal(HttpStatusCode.OK, (await (await app.LoginAsync(kenner)).GetAsync("/queue")).StatusCode);
    }
}
