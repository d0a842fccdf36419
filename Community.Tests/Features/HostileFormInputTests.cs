using System.Net;
using Community.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Community.Tests.Features;

/// <summary>Any Unicode in a web form (NUL, non-characters, lone surrogates, bidi controls) is kept or refused with the form shown again; never a 500 or a bare 400.</summary>
public class HostileFormInputTests(CommunityApp app) : IClassFixture<CommunityApp>
{
    public static TheoryData<string, string> Inputs => new()
    {
        { "nul", "Router\0 startet neu" },
        { "noncharacter", "Router \uFFFE startet neu" },
        { "lone-surrogate", "Router \uD800 startet neu" },
        { "bidi", "Router \u202E uen tetrats" },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task The_ask_form_takes_hostile_unicode_or_shows_the_form_again_with_what_was_typed(string kind, string text)
    {
        var hub = await app.HubAsync();
        var client = await app.LoginAsync(await app.CreateUserAsync());
        var response = await client.PostFormAsync("/ask", new()
        {
            ["Hub"] = hub.Slug, ["Title"] = text + " im Titel", ["Body"] = text + " im Text, lang genug.", ["Tags"] = "wlan, " + text[..6],
        });
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.UnprocessableEntity, $"{kind}: {(int)response.StatusCode}");
        if (response.StatusCode == HttpStatusCode.UnprocessableEntity)
        {
            var html = await response.HtmlAsync();
            Assert.Contains("im Text, lang genug.", html);
            Assert.Contains("field-error", html);
            return;
        }
        var id = int.Parse(response.Headers.Location!.OriginalString.Split('/')[2]);
        var thread = await app.WithDbAsync(db => db.Threads.SingleAsync(t => t.Id == id));
        // NUL is dropped; any other code point is kept as typed or replaced by a space, never an error.
        Assert.DoesNotContain('\0', thread.Title);
        Assert.Contains("Router", thread.Title);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(response.Headers.Location)).StatusCode);
    }

    [Fact]
    public async Task Nul_in_json_is_dropped_on_every_database_and_a_doubled_escape_cannot_bring_it_back()
    {
        var user = await app.CreateUserAsync();
        var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await app.CreateTokenAsync(user));
        var created = await api.PostAsync("/api/v1/threads", new StringContent(
            "{\"hub\":\"" + (await app.HubAsync()).Slug + "\",\"title\":\"Null\\u0000Byte im Titel\",\"body\":\"Text\\u0000 mit NUL\",\"tags\":[\"wl\\u0000an\"]}",
            System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = System.Text.Json.JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
        var thread = await app.WithDbAsync(db => db.Threads.SingleAsync(t => t.Id == id));
        Assert.Equal("NullByte im Titel", thread.Title);
        Assert.DoesNotContain('\0', await app.WithDbAsync(db => db.Posts.Where(p => p.ThreadId == id).Select(p => p.BodyMarkdown).SingleAsync()));

        var client = await app.LoginAsync(user);
        var draft = await client.SendFromPageAsync(HttpMethod.Put, "/drafts/ask", await client.PageTokenAsync("/ask"),
            new StringContent("{\"title\":\"a\\u0000b\",\"body\":\"c\\u0000d\",\"tags\":\"e\\u0000f\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NoContent, draft.StatusCode);
        var saved = await app.WithDbAsync(db => db.Drafts.SingleAsync(d => d.UserId == user.Id));
        Assert.Equal(("ab", "cd", "ef"), (saved.Title, saved.Body, saved.Tags));

        // A form whose body spells %%0000: removing one %00 must not leave another.
        var token = await client.PageTokenAsync("/ask");
        var raw = new StringContent($"__RequestVerificationToken={Uri.EscapeDataString(token)}&Hub={(await app.HubAsync()).Slug}&Title=Doppelt%%0000%00 escaped&Body=Genug+Text+hier&Tags=wlan",
            System.Text.Encoding.ASCII, "application/x-www-form-urlencoded");
        var posted = await client.PostAsync("/ask", raw);
        Assert.True(posted.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.UnprocessableEntity, ((int)posted.StatusCode).ToString());
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task The_answer_box_and_the_login_form_never_answer_a_bare_400(string kind, string text)
    {
        var thread = await app.AskAsync(await app.CreateUserAsync(), await app.HubAsync());
        var client = await app.LoginAsync(await app.CreateUserAsync());
        var answer = await client.PostFormAsync($"{thread.Url}?handler=Answer", new() { ["AnswerBody"] = text + " als Antwort" }, thread.Url);
        Assert.True(answer.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.UnprocessableEntity, $"{kind}: {(int)answer.StatusCode}");

        var login = await app.Browser().PostFormAsync("/account/login", new() { ["Login"] = text, ["Password"] = "x" });
        Assert.True(login.StatusCode is HttpStatusCode.OK or HttpStatusCode.UnprocessableEntity or HttpStatusCode.Unauthorized, $"{kind}: {(int)login.StatusCode}");
        Assert.Contains("id=\"Login\"", await login.HtmlAsync());
    }
}
