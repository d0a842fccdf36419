using System.Net;
using System.Text.RegularExpressions;
using Community.Domain;
using Community.Tests.Support;
using Community.Web.Features.Threads;
using Community.Web.Infrastructure;

namespace Community.Tests.Features;

/// <summary>A long thread is read 30 answers a page, with the solution on every page and addresses a search engine can follow.</summary>
public partial class ThreadPagingTests(CommunityApp app) : IClassFixture<CommunityApp>
{
    [GeneratedRegex("<link rel=\"canonical\" href=\"([^\"]+)\"")]
    private static partial Regex Canonical();

    [Fact]
    public async Task A_thread_with_65_answers_has_three_pages_each_with_the_solution_and_its_own_canonical_address()
    {
        var asker = await app.CreateUserAsync();
        var thread = await app.AskAsync(asker, await app.HubAsync(), title: "Long thread about the glass fibre modem", answers: 65);
        var solution = thread.AnswerIds[40];
        await app.SendAsync(new MarkSolution.Command(new Actor(asker.Id, false), thread.Id, solution));
        var client = app.CreateClient(new() { AllowAutoRedirect = false });

        var first = await (await client.GetAsync(thread.Url)).Content.ReadAsStringAsync();
        Assert.Equal(1 + 30, Regex.Matches(first, "data-post-id=\"").Count - 1); // the question, the solution and 30 answers
        Assert.EndsWith(thread.Url, Canonical().Match(first).Groups[1].Value);
        Assert.Contains("application/ld+json", first);
        Assert.Contains($"rel=\"next\" href=\"http", first);
        Assert.Contains("64 more answers", first);
        // Links a reader and a crawler can follow to the other pages.
        Assert.Contains($"href=\"{thread.Url}?page=2\" rel=\"next\"", first);
        Assert.Contains($"<a href=\"{thread.Url}?page=3\">3</a>", first);

        var third = await (await client.GetAsync(thread.Url + "?page=3")).Content.ReadAsStringAsync();
        Assert.EndsWith(thread.Url + "?page=3", Canonical().Match(third).Groups[1].Value);
        Assert.DoesNotContain("application/ld+json", third);
        Assert.Contains($"data-post-id=\"{solution}\"", third);
        Assert.Equal(1 + 4, Regex.Matches(third, "data-post-id=\"").Count - 1);

        var seen = new HashSet<int>();
        for (var page = 1; page <= 3; page++)
        {
            var html = await (await client.GetAsync(thread.Url + $"?page={page}")).Content.ReadAsStringAsync();
            foreach (Match m in Regex.Matches(html, "data-post-id=\"(\\d+)\"")) seen.Add(int.Parse(m.Groups[1].Value));
        }
        Assert.Superset(thread.AnswerIds.ToHashSet(), seen);
    }

    [Theory]
    [InlineData("?page=0", "")]
    [InlineData("?page=-5", "")]
    [InlineData("?page=abc", "")]
    [InlineData("?page=999999999", "?page=2")]
    public async Task Odd_page_numbers_show_the_first_or_the_last_page_never_an_error(string query, string canonicalSuffix)
    {
        var thread = await app.AskAsync(await app.CreateUserAsync(), await app.HubAsync(), answers: 35);
        var response = await app.CreateClient().GetAsync(thread.Url + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.EndsWith(thread.Url + canonicalSuffix, Canonical().Match(await response.Content.ReadAsStringAsync()).Groups[1].Value);
    }
}
