using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Community.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Community.Tests.Features;

public class KudosTests(CommunityApp app) : IClassFixture<CommunityApp>
{
    private Task<int> StoredCountAsync(int postId) => app.WithDbAsync(db => db.Posts.Where(p => p.Id == postId).Select(p => p.KudosCount).SingleAsync());

    [Fact]
    public async Task Kudos_are_given_once_and_can_be_withdrawn_on_the_page()
    {
        var thread = await app.AskAsync(await app.CreateUserAsync(), await app.HubAsync(), answers: 1);
        var postId = thread.AnswerIds[0];
        var client = await app.LoginAsync(await app.CreateUserAsync());

        for (var i = 0; i < 2; i++)
            await client.PostFormAsync($"{thread.Url}?handler=Kudos", new() { ["postId"] = postId.ToString(), ["withdraw"] = "false" }, formPage: thread.Url);
        Assert.Equal(1, await StoredCountAsync(postId));
        var html = await (await client.GetAsync(thread.Url)).HtmlAsync();
        Assert.Contains("class=\"kudos given\" aria-pressed=\"true\"", html);

        await client.PostFormAsync($"{thread.Url}?handler=Kudos", new() { ["postId"] = postId.ToString(), ["withdraw"] = "true" }, formPage: thread.Url);
        Assert.Equal(0, await StoredCountAsync(postId));
    }

    [Fact]
    public async Task Kudos_on_own_post_is_refused()
    {
        var helper = await app.CreateUserAsync();
        var thread = await app.AskAsync(await app.CreateUserAsync(), await app.HubAsync(), answers: 1, answerer: helper);
        var client = await app.LoginAsync(helper);
        var response = await client.PostFormAsync($"{thread.Url}?handler=Kudos", new() { ["postId"] = thread.AnswerIds[0].ToString(), ["withdraw"] = "false" }, formPage: thread.Url);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("You cannot give kudos to your own post.", await response.HtmlAsync());
        Assert.Equal(0, await StoredCountAsync(thread.AnswerIds[0]));

        var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.CreateTokenAsync(helper));
        var viaApi = await api.PostAsync($"/api/v1/posts/{thread.AnswerIds[0]}/kudos", null);
        Assert.Equal(HttpStatusCode.Conflict, viaApi.StatusCode);
        Assert.Equal("application/problem+json", viaApi.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Two_concurrent_identical_kudos_count_once()
    {
        var thread = await app.AskAsync(await app.CreateUserAsync(), await app.HubAsync(), answers: 1);
        var postId = thread.AnswerIds[0];
        var fans = new List<string>();
        for (var i = 0; i < 3; i++) fans.Add(await app.CreateTokenAsync(await app.CreateUserAsync()));

        // Each fan fires the same kudos 4 times at once: 12 requests race, 3 kudos must be booked.
        var requests = fans.SelectMany(token => Enumerable.Range(0, 4).Select(async _ =>
        {
            var client = app.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return await client.PostAsync($"/api/v1/posts/{postId}/kudos", null);
        })).ToList();
        var responses = await Task.WhenAll(requests);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(3, await StoredCountAsync(postId));
        Assert.Equal(3, await app.WithDbAsync(db => db.Kudos.CountAsync(k => k.PostId == postId)));
        var last = await responses[^1].Content.ReadFromJsonAsync<KudosDto>();
        Assert.True(last!.GivenByMe);
    }

    private sealed record KudosDto(int PostId, int KudosCount, bool GivenByMe);
}
