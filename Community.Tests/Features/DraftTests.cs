using System.Net;
using System.Net.Http.Json;
using Community.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Community.Tests.Features;

/// <summary>Drafts are kept on the server per person and place: restored on return (on any device), discarded on submit.</summary>
public class DraftTests(CommunityApp app) : IClassFixture<CommunityApp>
{
    [Fact]
    public async Task An_answer_draft_follows_the_person_to_another_device_and_is_gone_after_posting()
    {
        var helper = await app.CreateUserAsync();
        var thread = await app.AskAsync(await app.CreateUserAsync(), await app.HubAsync());
        var laptop = await app.LoginAsync(helper);
        var token = await laptop.PageTokenAsync(thread.Url);
        var saved = await laptop.SendFromPageAsync(HttpMethod.Put, $"/drafts/answer-{thread.Id}", token, JsonContent.Create(new { body = "Halb fertig: erst den **Router** neu starten" }));
        Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);

        // Another session of the same person: the draft is in the answer box, and the page says so.
        var phone = await app.LoginAsync(helper);
        var page = await (await phone.GetAsync(thread.Url)).HtmlAsync();
        Assert.Contains(">Halb fertig: erst den **Router** neu starten</textarea>", page);
        Assert.Contains("data-testid=\"draft-restored\"", page);
        // Nobody else sees it.
        var other = await app.LoginAsync(await app.CreateUserAsync());
        Assert.DoesNotContain("Halb fertig", await (await other.GetAsync(thread.Url)).HtmlAsync());

        var posted = await phone.PostFormAsync($"{thread.Url}?handler=Answer", new() { ["AnswerBody"] = "Fertig: Router neu starten." }, thread.Url);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Drafts.AnyAsync(d => d.UserId == helper.Id)));
        Assert.DoesNotContain("draft-restored", await (await laptop.GetAsync(thread.Url)).HtmlAsync());
    }

    [Fact]
    public async Task A_question_draft_keeps_title_body_and_tags_and_a_refused_question_keeps_the_text()
    {
        var asker = await app.CreateUserAsync();
        var client = await app.LoginAsync(asker);
        var token = await client.PageTokenAsync("/ask");
        await client.SendFromPageAsync(HttpMethod.Put, "/drafts/ask", token, JsonContent.Create(new { title = "eSIM Umzug", body = "Mein altes Handy…", tags = "esim, iphone" }));
        var page = await (await client.GetAsync("/ask")).HtmlAsync();
        Assert.Contains("value=\"eSIM Umzug\"", page);
        Assert.Contains(">Mein altes Handy…</textarea>", page);
        Assert.Contains("value=\"esim, iphone\"", page);

        // Emptying the composer removes the draft.
        await client.SendFromPageAsync(HttpMethod.Put, "/drafts/ask", token, JsonContent.Create(new { title = "", body = " " }));
        Assert.False(await app.WithDbAsync(db => db.Drafts.AnyAsync(d => d.UserId == asker.Id)));
    }

    [Fact]
    public async Task Drafts_refuse_unknown_places_too_long_texts_a_missing_token_and_anonymous_visitors()
    {
        var client = await app.LoginAsync(await app.CreateUserAsync());
        var token = await client.PageTokenAsync("/ask");
        var unknown = await client.SendFromPageAsync(HttpMethod.Put, "/drafts/somewhere", token, JsonContent.Create(new { body = "x" }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Contains("\"key\"", await unknown.Content.ReadAsStringAsync());
        var tooLong = await client.SendFromPageAsync(HttpMethod.Put, "/drafts/ask", token, JsonContent.Create(new { body = new string('x', 30_001) }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLong.StatusCode);
        Assert.Contains("\"body\"", await tooLong.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PutAsJsonAsync("/drafts/ask", new { body = "x" })).StatusCode);
        var anonymous = await app.Browser().SendFromPageAsync(HttpMethod.Put, "/drafts/ask", token, JsonContent.Create(new { body = "x" }));
        Assert.True(anonymous.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Unauthorized, anonymous.StatusCode.ToString());
    }
}
