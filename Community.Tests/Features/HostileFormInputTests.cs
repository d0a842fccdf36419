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
