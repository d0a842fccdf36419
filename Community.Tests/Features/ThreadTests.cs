using System.Net;
using Community.Domain.Threads;
using Community.Tests.Support;
using Community.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Community.Tests.Features;

public class ThreadTests(CommunityApp app) : IClassFixture<CommunityApp>
{
    [Fact]
    public async Task A_customer_asks_in_a_hub_and_the_question_is_shown_on_its_thread_page()
    {
        var hub = await app.HubAsync("iphone-16", "iPhone 16");
        var client = await app.LoginAsync(await app.CreateUserAsync());
        var response = await client.PostFormAsync("/ask", new()
        {
            ["Hub"] = "iphone-16", ["Title"] = "Akku hält nur einen halben Tag", ["Body"] = "Seit dem **Update** ist der Akku leer.", ["Tags"] = "akku, iOS",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var url = response.Headers.Location!.OriginalString;
        Assert.Matches(@"^/t/\d+/akku-haelt-nur-einen-halben-tag$", url);

        var html = await (await client.GetAsync(url)).HtmlAsync();
        Assert.Contains("<h1>Akku hält nur einen halben Tag</h1>", html);
        Assert.Contains("<strong>Update</strong>", html);
        Assert.Contains("<a class=\"tag\" rel=\"tag\" href=\"/tags/akku\">akku</a>", html);
        Assert.Contains("<a class=\"tag\" rel=\"tag\" href=\"/tags/ios\">ios</a>", html);
        Assert.Contains($"href=\"/hubs/{hub.Slug}\"", html);
    }

    [Theory]
    [InlineData("", "A valid title here", "Body text", "Choose the hub")]
    [InlineData("no-such-hub", "A valid title here", "Body text", "There is no hub")]
    [InlineData("HUB", "", "Body text", "Enter a title")]
    [InlineData("HUB", "A valid title here", "", "an empty post cannot be saved")]
    [InlineData("HUB", "A valid title here", "Body", "Use at most 5 tags", "a,b,c,d,e,f")]
    public async Task Bad_questions_are_shown_again_with_the_problem_and_the_typed_text(string hubSlug, string title, string body, string message, string tags = "")
    {
        var hub = await app.HubAsync();
        var client = await app.LoginAsync(await app.CreateUserAsync());
        var before = await app.WithDbAsync(db => db.Threads.CountAsync());
        var response = await client.PostFormAsync("/ask", new()
        {
            ["Hub"] = hubSlug.Replace("HUB", hub.Slug), ["Title"] = title, ["Body"] = body, ["Tags"] = tags,
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.HtmlAsync();
        Assert.Contains(message, html);
        if (title.Length > 0) Assert.Contains($"value=\"{title}\"", html);
        Assert.Equal(before, await app.WithDbAsync(db => db.Threads.CountAsync()));
    }

    [Fact]
    public async Task A_ten_megabyte_question_gets_a_message_not_an_error()
    {
        var hub = await app.HubAsync();
        var client = await app.LoginAsync(await app.CreateUserAsync());
        var response = await client.PostFormAsync("/ask", new()
        {
            ["Hub"] = hub.Slug, ["Title"] = "A huge question body", ["Body"] = new string('x', 10 * 1024 * 1024),
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("The text must be at most 30,000 characters long", await response.HtmlAsync());
    }

    [Fact]
    public async Task A_title_over_the_limit_is_refused()
    {
        var hub = await app.HubAsync();
        var client = await app.LoginAsync(await app.CreateUserAsync());
        var response = await client.PostFormAsync("/ask", new() { ["Hub"] = hub.Slug, ["Title"] = new string('t', 151), ["Body"] = "b" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("at most 150 characters", await response.HtmlAsync());
    }

    [Fact]
    public async Task A_wrong_slug_redirects_permanently_to_the_canonical_address()
    {
        var thread = await app.AskAsync(await app.CreateUserAsync(), await app.HubAsync(), "Router blinkt rot");
        foreach (var wrong in new[] { $"/t/{thread.Id}", $"/t/{thread.Id}/old-title" })
        {
            var response = await app.Browser().GetAsync(wrong);
            Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
            Assert.Equal(thread.Url, response.Headers.Location!.OriginalString);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync("/t/999999/x")).StatusCode);
    }

    [Fact]
    public async Task Answers_are_posted_and_an_empty_answer_keeps_the_page_with_a_message()
    {
        var thread = await app.AskAsync(await app.CreateUserAsync(), await app.HubAsync());
        var helper = await app.CreateUserAsync();
        var client = await app.LoginAsync(helper);
        var empty = await client.PostFormAsync($"{thread.Url}?handler=Answer", new() { ["AnswerBody"] = "  " }, formPage: thread.Url);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        Assert.Contains("an empty post cannot be saved", await empty.HtmlAsync());

        var ok = await client.PostFormAsync($"{thread.Url}?handler=Answer", new() { ["AnswerBody"] = "Try a *restart*." }, formPage: thread.Url);
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var html = await (await client.GetAsync(thread.Url)).HtmlAsync();
        Assert.Contains("Try a <em>restart</em>.", html);
        Assert.Contains(helper.Name, html);
        Assert.Equal(1, await app.WithDbAsync(db => db.Threads.Where(t => t.Id == thread.Id).Select(t => t.AnswerCount).SingleAsync()));
    }

    [Fact]
    public async Task The_asker_marks_and_changes_the_solution_which_is_pinned_under_the_question()
    {
        var asker = await app.CreateUserAsync();
        var thread = await app.AskAsync(asker, await app.HubAsync(), answers: 3);
        var client = await app.LoginAsync(asker);

        var mark = await client.PostFormAsync($"{thread.Url}?handler=Solution", new() { ["postId"] = thread.AnswerIds[2].ToString() }, formPage: thread.Url);
        Assert.Equal(HttpStatusCode.Redirect, mark.StatusCode);
        var page = await (await client.GetAsync(thread.Url)).HtmlAsync();
        // The page body only: the head's JSON-LD names the answers too.
        var html = page[page.IndexOf("<body", StringComparison.Ordinal)..];
        var solution = html.IndexOf("Accepted solution", StringComparison.Ordinal);
        Assert.True(solution > 0 && solution < html.IndexOf("Answer number 1", StringComparison.Ordinal));
        Assert.True(html.IndexOf("Answer number 3", StringComparison.Ordinal) > solution);
        Assert.Contains("data-testid=\"solved\"", html);

        await client.PostFormAsync($"{thread.Url}?handler=Solution", new() { ["postId"] = thread.AnswerIds[0].ToString() }, formPage: thread.Url);
        var accepted = await app.WithDbAsync(db => db.Threads.Where(t => t.Id == thread.Id).Select(t => new { t.AcceptedPostId, t.Status }).SingleAsync());
        Assert.Equal(thread.AnswerIds[0], accepted.AcceptedPostId);
        Assert.Equal(ThreadStatus.Solved, accepted.Status);
    }

    [Fact]
    public async Task Someone_else_cannot_mark_the_solution_but_a_moderator_can()
    {
        var thread = await app.AskAsync(await app.CreateUserAsync(), await app.HubAsync(), answers: 1);
        var stranger = await app.LoginAsync(await app.CreateUserAsync());
        var refused = await stranger.PostFormAsync($"{thread.Url}?handler=Solution", new() { ["postId"] = thread.AnswerIds[0].ToString() }, formPage: thread.Url);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Only the person who asked", await refused.HtmlAsync());
        Assert.Null(await app.WithDbAsync(db => db.Threads.Where(t => t.Id == thread.Id).Select(t => t.AcceptedPostId).SingleAsync()));

        var moderator = await app.LoginAsync(await app.CreateUserAsync(role: Roles.Moderator));
        var ok = await moderator.PostFormAsync($"{thread.Url}?handler=Solution", new() { ["postId"] = thread.AnswerIds[0].ToString() }, formPage: thread.Url);
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal(thread.AnswerIds[0], await app.WithDbAsync(db => db.Threads.Where(t => t.Id == thread.Id).Select(t => t.AcceptedPostId).SingleAsync()));
    }

    [Fact]
    public async Task Answers_are_ordered_by_kudos_then_time()
    {
        var thread = await app.AskAsync(await app.CreateUserAsync(), await app.HubAsync(), answers: 3);
        var fan = await app.LoginAsync(await app.CreateUserAsync());
        await fan.PostFormAsync($"{thread.Url}?handler=Kudos", new() { ["postId"] = thread.AnswerIds[1].ToString(), ["withdraw"] = "false" }, formPage: thread.Url);
        var html = await (await app.Browser().GetAsync(thread.Url)).HtmlAsync();
        var second = html.IndexOf("Answer number 2", StringComparison.Ordinal);
        var first = html.IndexOf("Answer number 1", StringComparison.Ordinal);
        var third = html.IndexOf("Answer number 3", StringComparison.Ordinal);
        Assert.True(second < first && first < third, "the answer with kudos comes first, the rest by time");
    }

    [Fact]
    public async Task Editing_keeps_the_history_and_only_the_author_or_a_moderator_may_edit()
    {
        var author = await app.CreateUserAsync();
        var thread = await app.AskAsync(author, await app.HubAsync(), "Original title of it", body: "First version");
        var questionId = await app.WithDbAsync(db => db.Posts.Where(p => p.ThreadId == thread.Id && p.IsQuestion).Select(p => p.Id).SingleAsync());

        var stranger = await app.LoginAsync(await app.CreateUserAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/posts/{questionId}/edit")).StatusCode);

        var client = await app.LoginAsync(author);
        var saved = await client.PostFormAsync($"/posts/{questionId}/edit", new() { ["Title"] = "Better title for it", ["Body"] = "Second version" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.StartsWith($"/t/{thread.Id}/better-title-for-it", saved.Headers.Location!.OriginalString);

        var history = await (await client.GetAsync($"/posts/{questionId}/history")).HtmlAsync();
        Assert.Contains("Second version", history);
        Assert.Contains("First version", history);
        Assert.Contains(author.Name, history);

        var bad = await client.PostFormAsync($"/posts/{questionId}/edit", new() { ["Title"] = "Better title for it", ["Body"] = "" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Equal("Second version", await app.WithDbAsync(db => db.Posts.Where(p => p.Id == questionId).Select(p => p.BodyMarkdown).SingleAsync()));

        var moderator = await app.LoginAsync(await app.CreateUserAsync(role: Roles.Moderator));
        var modEdit = await moderator.PostFormAsync($"/posts/{questionId}/edit", new() { ["Title"] = "Better title for it", ["Body"] = "Cleaned up by mod", ["Reason"] = "clearer title" });
        Assert.Equal(HttpStatusCode.Redirect, modEdit.StatusCode);
        Assert.Equal(2, await app.WithDbAsync(db => db.PostRevisions.CountAsync(r => r.PostId == questionId)));
    }

    [Fact]
    public async Task Titles_and_names_are_html_encoded_everywhere()
    {
        var hub = await app.HubAsync();
        var thread = await app.AskAsync(await app.CreateUserAsync(), hub, "<script>alert('x')</script> title");
        foreach (var url in new[] { thread.Url, $"/hubs/{hub.Slug}", "/" })
        {
            var html = await (await app.Browser().GetAsync(url)).HtmlAsync();
            Assert.DoesNotContain("<script>alert", html);
            Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; title", html);
        }
    }
}
