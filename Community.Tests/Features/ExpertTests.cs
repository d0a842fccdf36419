using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Community.Tests.Support;
using Community.Web.Cli;
using Community.Web.Features.Threads;
using Community.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Community.Tests.Features;

public class ExpertTests(CommunityApp app) : IClassFixture<CommunityApp>
{
    /// <summary>A hub with <paramref name="count"/> experts, each with one accepted answer there.</summary>
    private async Task<(Community.Domain.Threads.Hub Hub, List<TestUser> Experts)> HubWithExpertsAsync(int count)
    {
        var hub = await app.HubAsync();
        var experts = new List<TestUser>();
        for (var i = 0; i < count; i++)
        {
            var expert = await app.CreateUserAsync();
            var asker = await app.CreateUserAsync();
            var t = await app.AskAsync(asker, hub, answers: 1, answerer: expert);
            await app.SendAsync(new MarkSolution.Command(new Actor(asker.Id, false), t.Id, t.AnswerIds[0]));
            experts.Add(expert);
        }
        return (hub, experts);
    }

    [Fact]
    public async Task The_asker_invites_listed_experts_who_are_notified()
    {
        var (hub, experts) = await HubWithExpertsAsync(4);
        var asker = await app.CreateUserAsync();
        var thread = await app.AskAsync(asker, hub, "Need an expert on this one");
        var client = await app.LoginAsync(asker);

        var page = await (await client.GetAsync(thread.Url)).HtmlAsync();
        Assert.Contains("Ask an expert", page);
        // Three of the four are offered (as many as may be invited); the one not shown may still be named.
        Assert.Equal(3, experts.Count(e => page.Contains($"value=\"{e.Name}\"")));

        var invite = await client.PostFormAsync($"{thread.Url}?handler=InviteExperts",
            new() { ["experts"] = experts[0].Name }, formPage: thread.Url);
        Assert.Equal(HttpStatusCode.Redirect, invite.StatusCode);
        var notified = await app.WithDbAsync(db => db.Notifications.Where(n => n.UserId == experts[0].Id && n.Url == thread.Url).Select(n => n.Text).SingleAsync());
        Assert.Contains("Need an expert on this one", notified);
        var expertClient = await app.LoginAsync(experts[0]);
        Assert.Contains("Need an expert on this one", await (await expertClient.GetAsync("/notifications")).HtmlAsync());
    }

    [Fact]
    public async Task At_most_three_experts_a_thread_and_only_listed_ones_by_the_asker_or_a_moderator()
    {
        var (hub, experts) = await HubWithExpertsAsync(4);
        var asker = await app.CreateUserAsync();
        var thread = await app.AskAsync(asker, hub);
        var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new("Bearer", await app.CreateTokenAsync(asker));

        var tooMany = await api.PostAsJsonAsync($"/api/v1/threads/{thread.Id}/experts", new { experts = experts.Select(e => e.Name).ToArray() });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooMany.StatusCode);
        var unknown = await api.PostAsJsonAsync($"/api/v1/threads/{thread.Id}/experts", new { experts = new[] { asker.Name } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Contains("is not one of the listed experts", await unknown.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, (await api.PostAsJsonAsync($"/api/v1/threads/{thread.Id}/experts", new { experts = new[] { experts[0].Name, experts[1].Name } })).StatusCode);
        var fourth = await api.PostAsJsonAsync($"/api/v1/threads/{thread.Id}/experts", new { experts = new[] { experts[2].Name, experts[3].Name } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, fourth.StatusCode);
        Assert.Contains("at most 3 experts", await fourth.Content.ReadAsStringAsync());

        var stranger = app.CreateClient();
        stranger.DefaultRequestHeaders.Authorization = new("Bearer", await app.CreateTokenAsync(await app.CreateUserAsync()));
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.PostAsJsonAsync($"/api/v1/threads/{thread.Id}/experts", new { experts = new[] { experts[2].Name } })).StatusCode);
        Assert.Equal(2, await app.WithDbAsync(db => db.ExpertInvitations.CountAsync(i => i.ThreadId == thread.Id)));
    }

    [Fact]
    public async Task An_expert_gets_at_most_five_invitations_a_day()
    {
        var (hub, experts) = await HubWithExpertsAsync(1);
        for (var i = 0; i < 5; i++)
        {
            var asker = await app.CreateUserAsync();
            var t = await app.AskAsync(asker, hub);
            await app.SendAsync(new Community.Web.Features.Reputation.InviteExperts.Command(new Actor(asker.Id, false), t.Id, [experts[0].Name]));
        }
        var last = await app.CreateUserAsync();
        var thread = await app.AskAsync(last, hub);
        var e = await Assert.ThrowsAsync<Community.Domain.DomainException>(() =>
            app.SendAsync(new Community.Web.Features.Reputation.InviteExperts.Command(new Actor(last.Id, false), thread.Id, [experts[0].Name])));
        Assert.Contains("already got 5 invitations today", e.Message);
    }

    [Fact]
    public async Task Ranks_and_staff_titles_show_next_to_names_and_in_the_api()
    {
        var (hub, experts) = await HubWithExpertsAsync(1);
        var output = new StringWriter();
        Assert.Equal(0, await AdminCommands.RunAsync(app.Services, ["set-title", "--user", experts[0].Name, "--title", "Community-Experte"], output));

        var html = await (await app.Browser().GetAsync($"/hubs/{hub.Slug}")).HtmlAsync();
        Assert.Contains("<span class=\"rank\" title=\"15 reputation\">Newcomer</span> <span class=\"title-badge\">Community-Experte</span>", html);
        var user = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/users/{experts[0].Name}");
        Assert.Equal(15, user.GetProperty("reputation").GetInt32());
        Assert.Equal("Neuling", user.GetProperty("rankDe").GetString());
        Assert.Equal("Community-Experte", user.GetProperty("title").GetString());
        Assert.Contains(user.GetProperty("badges").EnumerateArray(), b => b.GetProperty("key").GetString() == "first-solution");
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync("/api/v1/users/nobody-at-all")).StatusCode);
    }
}
