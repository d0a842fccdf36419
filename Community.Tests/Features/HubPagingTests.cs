using System.Net;
using System.Text.RegularExpressions;
using Community.Domain.Threads;
using Community.Tests.Support;

namespace Community.Tests.Features;

/// <summary>Hub lists page by keyset: "older" continues after the last thread shown, across sub-hubs, whatever is written meanwhile.</summary>
public partial class HubPagingTests(CommunityApp app) : IClassFixture<CommunityApp>
{
    [GeneratedRegex("<a class=\"title\" href=\"(/t/\\d+/[^\"]+)\"")]
    private static partial Regex ThreadLink();

    [GeneratedRegex("rel=\"(next|prev)\" href=\"([^\"]+)\"")]
    private static partial Regex PagerLink();

    private static List<string> Threads(string html) => ThreadLink().Matches(html).Select(m => m.Groups[1].Value).Where(u => !u.Contains('#')).Distinct().ToList();

    private static string? Link(string html, string rel) =>
        PagerLink().Matches(html).Where(m => m.Groups[1].Value == rel).Select(m => WebUtility.HtmlDecode(m.Groups[2].Value)).FirstOrDefault();

    private async Task<(Hub Parent, Hub A, Hub B)> TreeAsync() =>
        await app.WithDbAsync(async db =>
        {
            var parent = new Hub { Slug = "tree-" + Guid.NewGuid().ToString("N")[..8], Name = "Tree" };
            db.Hubs.Add(parent);
            await db.SaveChangesAsync();
            var a = new Hub { Slug = parent.Slug + "-a", Name = "A", ParentId = parent.Id };
            var b = new Hub { Slug = parent.Slug + "-b", Name = "B", ParentId = parent.Id };
            db.Hubs.AddRange(a, b);
            await db.SaveChangesAsync();
            return (parent, a, b);
        });

    [Fact]
    public async Task A_parent_hub_lists_its_sub_hubs_threads_in_one_order_across_pages()
    {
        var (parent, a, b) = await TreeAsync();
        var asker = await app.CreateUserAsync();
        var asked = new List<string>();
        for (var i = 0; i < 45; i++) asked.Add((await app.AskAsync(asker, i % 3 == 0 ? a : b, $"Baum Frage {i}")).Url);

        var seen = new List<string>();
        string? url = $"/hubs/{parent.Slug}";
        var pages = 0;
        while (url is not null)
        {
            var html = await (await app.Browser().GetAsync(url)).HtmlAsync();
            seen.AddRange(Threads(html));
            url = Link(html, "next");
            pages++;
        }
        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Reverse(asked), seen);
    }

    [Fact]
    public async Task Older_pages_stay_put_while_new_threads_arrive_and_newer_leads_back()
    {
        var (parent, a, _) = await TreeAsync();
        var asker = await app.CreateUserAsync();
        for (var i = 0; i < 30; i++) await app.AskAsync(asker, a, $"Stabil {i}");

        var first = await (await app.Browser().GetAsync($"/hubs/{parent.Slug}")).HtmlAsync();
        var firstThreads = Threads(first);
        var older = Link(first, "next")!;
        for (var i = 0; i < 5; i++) await app.AskAsync(asker, a, $"Neu dazwischen {i}");
        await app.ForgetCachedPagesAsync();

        var second = await (await app.Browser().GetAsync(older)).HtmlAsync();
        var secondThreads = Threads(second);
        Assert.Equal(10, secondThreads.Count);
        Assert.Empty(firstThreads.Intersect(secondThreads));
        Assert.Null(Link(second, "next"));

        // Newer from the second page is the twenty threads just above it: the old first page, not the new threads.
        var back = await (await app.Browser().GetAsync(Link(second, "prev")!)).HtmlAsync();
        Assert.Equal(firstThreads, Threads(back));
    }

    [Theory]
    [InlineData("?before=garbage")]
    [InlineData("?before=1-2-3")]
    [InlineData("?after=-5-1")]
    [InlineData("?before=99999999999999999999-1")]
    public async Task A_cursor_the_page_never_wrote_is_refused(string query)
    {
        var hub = await app.HubAsync();
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Browser().GetAsync($"/hubs/{hub.Slug}{query}")).StatusCode);
    }

    [Fact]
    public async Task The_unanswered_tab_pages_the_same_way_without_answered_threads()
    {
        var (parent, a, b) = await TreeAsync();
        var asker = await app.CreateUserAsync();
        for (var i = 0; i < 22; i++) await app.AskAsync(asker, i % 2 == 0 ? a : b, $"Offene Frage {i}");
        var answered = await app.AskAsync(asker, a, "Beantwortete Frage", answers: 1);

        var page1 = await (await app.Browser().GetAsync($"/hubs/{parent.Slug}?tab=unanswered")).HtmlAsync();
        var page2 = await (await app.Browser().GetAsync(Link(page1, "next")!)).HtmlAsync();
        Assert.Equal(22, Threads(page1).Concat(Threads(page2)).Distinct().Count());
        Assert.DoesNotContain(answered.Url, page1 + page2);
    }
}
