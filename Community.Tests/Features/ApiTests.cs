using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Community.Tests.Support;
using Community.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Community.Tests.Features;

public class ApiTests(CommunityApp app) : IClassFixture<CommunityApp>
{
    private async Task<(HttpClient Client, TestUser User)> ApiClientAsync(string? role = null)
    {
        var user = await app.CreateUserAsync(role: role);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.CreateTokenAsync(user));
        return (client, user);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage r) => (await r.Content.ReadFromJsonAsync<JsonElement>())!;

    [Fact]
    public async Task A_script_asks_answers_gives_kudos_and_accepts_through_the_api()
    {
        var hub = await app.HubAsync();
        var (asker, _) = await ApiClientAsync();
        var created = await asker.PostAsJsonAsync("/api/v1/threads", new { hub = hub.Slug, title = "Router via API fragen", body = "Text mit `code`", tags = new[] { "router" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var thread = await JsonAsync(created);
        var id = thread.GetProperty("id").GetInt32();
        Assert.Equal($"/t/{id}/router-via-api-fragen", thread.GetProperty("url").GetString());
        Assert.Equal(thread.GetProperty("url").GetString(), created.Headers.Location!.OriginalString);

        var (helper, _) = await ApiClientAsync();
        var answer = await helper.PostAsJsonAsync($"/api/v1/threads/{id}/posts", new { body = "Neustart **hilft**" });
        Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
        var answerJson = await JsonAsync(answer);
        var answerId = answerJson.GetProperty("id").GetInt32();
        Assert.Equal($"/t/{id}/router-via-api-fragen#post-{answerId}", answerJson.GetProperty("url").GetString());

        var kudos = await asker.PostAsync($"/api/v1/posts/{answerId}/kudos", null);
        Assert.Equal(1, (await JsonAsync(kudos)).GetProperty("kudosCount").GetInt32());

        var solved = await asker.PutAsJsonAsync($"/api/v1/threads/{id}/solution", new { postId = answerId });
        Assert.Equal(HttpStatusCode.OK, solved.StatusCode);

        var read = await JsonAsync(await app.CreateClient().GetAsync($"/api/v1/threads/{id}"));
        Assert.Equal("Solved", read.GetProperty("status").GetString());
        Assert.Equal(answerId, read.GetProperty("acceptedPostId").GetInt32());
        var posts = read.GetProperty("posts").EnumerateArray().ToList();
        Assert.Equal("Text mit `code`", posts[0].GetProperty("markdown").GetString());
        Assert.Equal("<p>Text mit <code>code</code></p>\n", posts[0].GetProperty("html").GetString());
        Assert.True(posts[1].GetProperty("isSolution").GetBoolean());

        var withdrawn = await asker.DeleteAsync($"/api/v1/posts/{answerId}/kudos");
        Assert.Equal(0, (await JsonAsync(withdrawn)).GetProperty("kudosCount").GetInt32());
    }

    [Fact]
    public async Task Hubs_are_listed_with_their_thread_counts()
    {
        var hub = await app.HubAsync();
        await app.AskAsync(await app.CreateUserAsync(), hub);
        var hubs = await JsonAsync(await app.CreateClient().GetAsync("/api/v1/hubs"));
        var mine = hubs.EnumerateArray().Single(h => h.GetProperty("slug").GetString() == hub.Slug);
        Assert.Equal(1, mine.GetProperty("threadCount").GetInt32());
    }

    [Fact]
    public async Task Writes_without_a_token_are_refused_with_401_problem_json()
    {
        var hub = await app.HubAsync();
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/threads", new { hub = hub.Slug, title = "Without a token", body = "x" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(0, await app.WithDbAsync(db => db.Threads.CountAsync(t => t.HubId == hub.Id)));
    }

    [Fact]
    public async Task A_logged_in_browser_cookie_does_not_authorise_api_writes()
    {
        var hub = await app.HubAsync();
        var browser = await app.LoginAsync(await app.CreateUserAsync());
        var response = await browser.PostAsJsonAsync("/api/v1/threads", new { hub = hub.Slug, title = "Cookie only request", body = "x" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_revoked_token_stops_working()
    {
        var user = await app.CreateUserAsync();
        var token = await app.CreateTokenAsync(user);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var thread = await app.AskAsync(await app.CreateUserAsync(), await app.HubAsync());
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"/api/v1/threads/{thread.Id}/posts", new { body = "before revoke" })).StatusCode);

        var browser = await app.LoginAsync(user);
        var tokenId = await app.WithDbAsync(db => db.ApiTokens.Where(t => t.UserId == user.Id).Select(t => t.Id).SingleAsync());
        var revoke = await browser.PostFormAsync($"/u/{user.Name}?handler=RevokeToken", new() { ["tokenId"] = tokenId.ToString() }, formPage: $"/u/{user.Name}");
        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);

        var after = await client.PostAsJsonAsync($"/api/v1/threads/{thread.Id}/posts", new { body = "after revoke" });
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains("revoked", await after.Content.ReadAsStringAsync());

        var garbage = app.CreateClient();
        garbage.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "cmt_not-a-real-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await garbage.PostAsJsonAsync($"/api/v1/threads/{thread.Id}/posts", new { body = "x" })).StatusCode);
    }

    [Fact]
    public async Task Someone_elses_post_cannot_be_edited_and_a_moderator_can()
    {
        var owner = await app.CreateUserAsync();
        var thread = await app.AskAsync(await app.CreateUserAsync(), await app.HubAsync(), answers: 1, answerer: owner);
        var (stranger, _) = await ApiClientAsync();
        var refused = await stranger.PutAsJsonAsync($"/api/v1/posts/{thread.AnswerIds[0]}", new { body = "vandalised" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("Answer number 1", await app.WithDbAsync(db => db.Posts.Where(p => p.Id == thread.AnswerIds[0]).Select(p => p.BodyMarkdown).SingleAsync()));

        var (moderator, _) = await ApiClientAsync(Roles.Moderator);
        var noReason = await moderator.PutAsJsonAsync($"/api/v1/posts/{thread.AnswerIds[0]}", new { body = "tidied" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        Assert.Contains("reason", await noReason.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await moderator.PutAsJsonAsync($"/api/v1/posts/{thread.AnswerIds[0]}", new { body = "tidied", reason = "formatting" })).StatusCode);

        var (stranger2, _) = await ApiClientAsync();
        var notAsker = await stranger2.PutAsJsonAsync($"/api/v1/threads/{thread.Id}/solution", new { postId = thread.AnswerIds[0] });
        Assert.Equal(HttpStatusCode.Forbidden, notAsker.StatusCode);
    }

    [Fact]
    public async Task Validation_errors_name_the_offending_fields()
    {
        var (client, _) = await ApiClientAsync();
        var response = await client.PostAsJsonAsync("/api/v1/threads", new { hub = "", title = new string('t', 200), body = "" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = (await JsonAsync(response)).GetProperty("errors");
        Assert.Contains("at most 150 characters", errors.GetProperty("title")[0].GetString());
        Assert.Contains("empty post", errors.GetProperty("body")[0].GetString());
        Assert.Contains("Choose the hub", errors.GetProperty("hub")[0].GetString());

        var unknownHub = await client.PostAsJsonAsync("/api/v1/threads", new { hub = "nope", title = "Valid title here", body = "x" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknownHub.StatusCode);
        Assert.Contains("There is no hub", await unknownHub.Content.ReadAsStringAsync());

        var huge = await client.PostAsJsonAsync("/api/v1/threads/1/posts", new { body = new string('x', 10 * 1024 * 1024) });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, huge.StatusCode);
    }

    [Fact]
    public async Task Unknown_things_are_404_and_malformed_json_is_400()
    {
        var (client, _) = await ApiClientAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync("/api/v1/threads/987654")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync("/api/v1/threads/987654/posts", new { body = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/api/v1/posts/987654/kudos", null)).StatusCode);
        var malformed = await client.PostAsync("/api/v1/threads", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType!.MediaType);
        Assert.Contains("The request body is not valid JSON for this endpoint.", await malformed.Content.ReadAsStringAsync());

        // A query value of the wrong kind names the field, never a .NET type.
        var badLimit = await app.CreateClient().GetAsync("/api/v1/search?q=router&limit=abc");
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
        var problem = await badLimit.Content.ReadAsStringAsync();
        Assert.Contains("The value of limit is not valid (abc).", problem);
        Assert.DoesNotContain("Nullable", problem);
        Assert.DoesNotContain("Int32", problem);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api()
    {
        var doc = await (await app.CreateClient().GetAsync("/openapi/v1.json")).Content.ReadAsStringAsync();
        foreach (var path in new[] { "/api/v1/hubs", "/api/v1/threads", "/api/v1/threads/{id}", "/api/v1/posts/{id}/kudos", "/api/v1/threads/{id}/solution", "/api/v1/search" })
            Assert.Contains($"\"{path}\"", doc);
    }
}
