using System.Net;
using Community.Domain.Escalation;
using Community.Tests.Support;
using Community.Web.Data;
using Community.Web.Features.Dashboard;
using Community.Web.Features.Escalations;
using Community.Web.Features.Threads;
using Community.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Tests.Features;

public sealed class DashboardApp : ClockedCommunityApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Dashboard:DeflectionRate", "0.5");
        builder.UseSetting("Dashboard:CostPerContact", "1.50");
    }
}

/// <summary>A fixed month of activity; every dashboard figure is checked against what the database says.</summary>
public class DashboardTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    private const string Browser = "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0";

    private async Task ViewAsync(string url, string userAgent)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task The_months_figures_match_the_database()
    {
        var at = (int day, int hour) => new DateTimeOffset(2030, 3, day, hour, 0, 0, TimeSpan.Zero);
        var hub = await app.HubAsync();
        var helper = await app.CreateUserAsync();
        var agent = await app.CreateUserAsync(role: Roles.Support);
        var moderator = await app.CreateUserAsync(role: Roles.Moderator);
        await app.LinkAsync(helper, GivenWebhooks.NewCustomerNumber());

        // T1: answered after 2 h by the community, solved after 5 h.
        app.Clock.Set(at(2, 10));
        var asker1 = await app.CreateUserAsync();
        var t1 = await app.AskAsync(asker1, hub, title: "Dashboard thread one");
        app.Clock.Set(at(2, 12));
        var a1 = await app.SendAsync(new Answer.Command(new Actor(helper.Id, false), t1.Id, "Community answer"));
        app.Clock.Set(at(2, 15));
        await app.SendAsync(new MarkSolution.Command(new Actor(asker1.Id, false), t1.Id, a1));
        // T2: first answered by support after 30 h (past the 24 h target), solved after 40 h.
        app.Clock.Set(at(5, 8));
        var asker2 = await app.CreateUserAsync();
        var t2 = await app.AskAsync(asker2, hub, title: "Dashboard thread two");
        app.Clock.Set(at(6, 14));
        var a2 = await app.SendAsync(new Answer.Command(new Actor(agent.Id, false, IsSupport: true), t2.Id, "Official answer"));
        app.Clock.Set(at(7, 0));
        await app.SendAsync(new MarkSolution.Command(new Actor(asker2.Id, false), t2.Id, a2));
        // T3: nobody answers; a moderator escalates it.
        app.Clock.Set(at(10, 9));
        var t3 = await app.AskAsync(await app.CreateUserAsync(), hub, title: "Dashboard thread three");
        app.Clock.Set(at(12, 9));
        await app.SendAsync(new EscalateThread.Command(new Actor(moderator.Id, true), t3.Id, "Nobody could help", EscalationPriority.Normal));

        // Reads of solved threads: a visitor twice (counts once), a second browser, a bot (not counted), and the open thread (not counted).
        app.Clock.Set(at(20, 18));
        await ViewAsync(t1.Url, Browser);
        await ViewAsync(t1.Url, Browser);
        await ViewAsync(t1.Url, Browser + " Edition");
        await ViewAsync(t1.Url, "Mozilla/5.0 (compatible; Googlebot/2.1)");
        await ViewAsync(t2.Url, Browser);
        await ViewAsync(t3.Url, Browser);
        await app.Services.GetRequiredService<ViewCounter>().FlushAsync(CancellationToken.None);
        Assert.Equal(3, await app.WithDbAsync(db => db.ThreadViewsDaily.Where(v => v.HubId == hub.Id).SumAsync(v => v.Views)));

        app.Clock.Set(new DateTimeOffset(2030, 4, 2, 9, 0, 0, TimeSpan.Zero));
        var admin = await app.LoginAsync(await app.CreateUserAsync(role: Roles.Admin));
        var csv = await (await admin.GetAsync($"/dashboard?months=2&hub={hub.Slug}&handler=Csv")).Content.ReadAsStringAsync();
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        var march = lines.Single(l => l.StartsWith("2030-03,")).Split(',').Select((v, i) => (header[i], v)).ToDictionary(x => x.Item1, x => x.v);

        // What the database says, computed here independently of the dashboard's code.
        var threads = await app.WithDbAsync(db => db.Threads.Where(t => t.HubId == hub.Id).ToListAsync());
        var answered = threads.Where(t => t.FirstAnswerAt is not null).Select(t => (t.FirstAnswerAt!.Value - t.CreatedAt).TotalHours).Order().ToList();
        var solvedHours = threads.Where(t => t.SolvedAt is not null).Select(t => (t.SolvedAt!.Value - t.CreatedAt).TotalHours).Order().ToList();
        var activeExperts = await app.WithDbAsync(db => db.Ledger.Where(l => l.Day >= 20300301 && l.Day <= 20300331 && l.HubId == hub.Id)
            .GroupBy(l => l.UserId).CountAsync(g => g.Sum(l => l.Points) > 0));
        var crmPoints = await app.WithDbAsync(db => db.Ledger.Where(l => l.UserId == helper.Id && l.Day >= 20300301 && l.Day <= 20300331).SumAsync(l => l.Points));

        Assert.Equal("3", march["solved_thread_views"]);
        Assert.Equal("2", march["deflected_contacts"]);        // 3 × 0.5 = 1.5, rounded
        Assert.Equal("3.00", march["saved_eur"]);              // 2 × EUR 1.50
        Assert.Equal(threads.Count.ToString(), march["questions_asked"]);
        Assert.Equal(answered.Count(h => h <= 24).ToString(), march["answered_within_sla"]);
        Assert.Equal("33.3", march["answered_within_sla_percent"]);
        Assert.Equal(((answered[0] + answered[1]) / 2).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture), march["median_hours_to_first_answer"]);
        Assert.Equal(((solvedHours[0] + solvedHours[1]) / 2).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture), march["median_hours_to_solution"]);
        Assert.Equal(("1", "1"), (march["solved_by_community"], march["solved_by_support"]));
        Assert.Equal("1", march["escalations"]);
        Assert.Equal(activeExperts.ToString(), march["active_experts"]);
        Assert.Equal(crmPoints.ToString(), march["points_credited_to_crm"]);

        var page = await (await admin.GetAsync($"/dashboard?months=2&hub={hub.Slug}")).Content.ReadAsStringAsync();
        Assert.Contains("<svg class=\"chart\"", page);
        Assert.Contains("2030-03 – Contacts deflected: 2", page);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/dashboard?hub=no-such-hub")).StatusCode);
        // A question asked an hour ago is not yet a miss of the 24-hour target.
        await app.AskAsync(await app.CreateUserAsync(), hub, title: "Asked just now");
        app.Clock.Advance(TimeSpan.FromHours(1));
        var april = (await (await admin.GetAsync($"/dashboard?months=2&hub={hub.Slug}&handler=Csv")).Content.ReadAsStringAsync())
            .Split("\r\n").Single(l => l.StartsWith("2030-04,")).Split(',');
        Assert.Equal(("1", ""), (april[Array.IndexOf(header, "questions_asked")], april[Array.IndexOf(header, "answered_within_sla_percent")]));

        var member = await app.LoginAsync(await app.CreateUserAsync());
        Assert.Contains("/account/denied", (await member.GetAsync("/dashboard")).Headers.Location!.OriginalString);
    }
}
