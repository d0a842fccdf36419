using System.Text.RegularExpressions;
using Community.Tests.Support;
using Community.Web.Features.Threads;
using Community.Web.Infrastructure;

namespace Community.Tests.Features;

/// <summary>Readers choose the order of the answers: most kudos first (the default), oldest or newest first.</summary>
public class AnswerOrderTests(CommunityApp app) : IClassFixture<CommunityApp>
{
    private static List<int> AnswerIds(string html) =>
        Regex.Matches(html, "<div class=\"post answer[^\"]*\" id=\"post-(\\d+)\"").Select(m => int.Parse(m.Groups[1].Value)).ToList();

    [Fact]
    public async Task Answers_come_best_oldest_or_newest_first_as_the_reader_chooses()
    {
        var thread = await app.AskAsync(await app.CreateUserAsync(), await app.HubAsync(), "Welche Reihenfolge?", answers: 3);
        var (first, second, third) = (thread.AnswerIds[0], thread.AnswerIds[1], thread.AnswerIds[2]);
        // The second answer gets two kudos, the third one.
        foreach (var (post, count) in new[] { (second, 2), (third, 1) })
            for (var i = 0; i < count; i++) await app.SendAsync(new GiveKudos.Command(new Actor((await app.CreateUserAsync()).Id, false), post));

        var best = await (await app.Browser().GetAsync(thread.Url)).HtmlAsync();
        Assert.Equal([second, third, first], AnswerIds(best));
        Assert.Contains("<span aria-current=\"true\">Best first</span>", best);
        Assert.Contains($"<a href=\"{thread.Url}?sort=oldest#answers-h\" rel=\"nofollow\">Oldest first</a>", best);

        var oldest = await (await app.Browser().GetAsync($"{thread.Url}?sort=oldest")).HtmlAsync();
        Assert.Equal([first, second, third], AnswerIds(oldest));
        Assert.Contains("<span aria-current=\"true\">Oldest first</span>", oldest);
        // Every order has the thread's one canonical address.
        Assert.Contains($"<link rel=\"canonical\" href=\"http://localhost{thread.Url}\"", oldest);

        Assert.Equal([third, second, first], AnswerIds(await (await app.Browser().GetAsync($"{thread.Url}?sort=newest")).HtmlAsync()));
        Assert.Equal([second, third, first], AnswerIds(await (await app.Browser().GetAsync($"{thread.Url}?sort=%EF%BF%BE")).HtmlAsync()));
    }
}
