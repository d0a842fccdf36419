using System.Net;
using System.Text.RegularExpressions;
using Community.Tests.Support;
using Community.Web.Features.Threads;
using Community.Web.Infrastructure;

namespace Community.Tests.Features;

/// <summary>A person's questions and answered threads, all of them, paged by keyset from the profile.</summary>
public partial class ActivityTests(CommunityApp app) : IClassFixture<CommunityApp>
{
    [GeneratedRegex("<a class=\"title\" href=\"(/t/\\d+/[^\"]+)\"")]
    private static partial Regex ThreadLink();

    [GeneratedRegex("rel=\"next\" href=\"([^\"]+)\"")]
    private static partial Regex Older();

    private async Task<List<string>> AllPagesAsync(string url)
    {
        var seen = new List<string>();
        for (string? next = url; next is not null;)
        {
            var html = await (await app.Browser().GetAsync(next)).HtmlAsync();
            seen.AddRange(ThreadLink().Matches(html).Select(m => m.Groups[1].Value));
            next = Older().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;
        }
        return seen;
    }

    [Fact]
    public async Task Every_answer_a_person_wrote_is_listed_once_newest_first_across_pages()
    {
        var hub = await app.HubAsync();
        var helper = await app.CreateUserAsync();
        var threads = new List<Given.AskedThread>();
        for (var i = 0; i < 25; i++) threads.Add(await app.AskAsync(await app.CreateUserAsync(), hub, $"Antwortliste Frage {i}", answers: 1, answerer: helper));
        // A second answer in the oldest thread makes it the newest answered.
        await app.SendAsync(new Answer.Command(new Actor(helper.Id, false), threads[0].Id, "Noch ein Nachtrag von mir."));

        var profile = await (await app.Browser().GetAsync($"/u/{helper.Name}")).HtmlAsync();
        Assert.Contains($"href=\"/u/{helper.Name}/answers\"", profile);
        Assert.Single(Regex.Matches(profile, Regex.Escape($"href=\"{threads[0].Url}\"")));
        var listed = await AllPagesAsync($"/u/{helper.Name}/answers");
        // Twenty-six answers: the late one in the first thread, then one per thread from the newest down.
        Assert.Equal(new[] { threads[0] }.Concat(Enumerable.Reverse(threads)).Select(t => t.Url), listed);
        Assert.Contains($"href=\"{threads[0].Url}\"", profile);
    }

    [Fact]
    public async Task Every_question_a_person_asked_is_listed_newest_first_across_pages()
    {
        var hub = await app.HubAsync();
        var asker = await app.CreateUserAsync();
        var asked = new List<string>();
        for (var i = 0; i < 23; i++) asked.Add((await app.AskAsync(asker, hub, $"Eigene Frage Nummer {i}")).Url);

        Assert.Contains("All 23 questions", await (await app.Browser().GetAsync($"/u/{asker.Name}")).HtmlAsync());
        Assert.Equal(Enumerable.Reverse(asked), await AllPagesAsync($"/u/{asker.Name}/questions"));
    }

    [Theory]
    [InlineData("/u/{0}/everything", HttpStatusCode.NotFound)]
    [InlineData("/u/nobody-here/answers", HttpStatusCode.NotFound)]
    [InlineData("/u/{0}/answers?before=yesterday", HttpStatusCode.BadRequest)]
    public async Task Odd_addresses_are_refused_plainly(string url, HttpStatusCode expected)
    {
        var user = await app.CreateUserAsync();
        Assert.Equal(expected, (await app.Browser().GetAsync(string.Format(url, user.Name))).StatusCode);
    }
}
