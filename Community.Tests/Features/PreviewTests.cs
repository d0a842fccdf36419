using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Community.Tests.Support;

namespace Community.Tests.Features;

/// <summary>The composer's preview is the stored-post pipeline: Markdig, then the sanitizer; signed in with the page's token, or with an API token.</summary>
public class PreviewTests(CommunityApp app) : IClassFixture<CommunityApp>
{
    private const string Hostile = "**fett** <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>\n\n| a | b |\n|:--|--:|\n| 1 | 2 |";

    private static async Task<HttpResponseMessage> PreviewAsync(HttpClient client, string body, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/preview") { Content = JsonContent.Create(new { body }) };
        if (token is not null) request.Headers.Add("X-CSRF-TOKEN", token);
        return await client.SendAsync(request);
    }

    private static async Task<string> TokenOfAsync(HttpClient client, string page)
    {
        var html = await (await client.GetAsync(page)).HtmlAsync();
        Assert.Contains("data-preview=\"preview-body\"", html);
        return WebUtility.HtmlDecode(Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value);
    }

    [Fact]
    public async Task The_preview_renders_like_a_stored_post_and_strips_what_the_sanitizer_strips()
    {
        var client = await app.LoginAsync(await app.CreateUserAsync());
        var hub = await app.HubAsync();
        var token = await TokenOfAsync(client, $"/ask?hub={hub.Slug}");

        var response = await PreviewAsync(client, Hostile, token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("html").GetString()!;
        Assert.Contains("<strong>fett</strong>", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("javascript:", html);
        // Raw HTML is shown as text, never as an element with its handler.
        Assert.DoesNotContain("<img", html);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html);
        Assert.Contains("<table>", html);

        // The same text, posted, is stored as the preview showed it.
        var asked = await app.SendAsync(new Community.Web.Features.Threads.Ask.Command(new Community.Web.Infrastructure.Actor((await app.CreateUserAsync()).Id, false), hub.Slug, "Vorschau gleich Beitrag", Hostile, ""));
        var stored = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Posts, p => p.ThreadId == asked.Id && p.IsQuestion));
        Assert.Equal(stored.BodyHtml, html);
    }

    [Fact]
    public async Task Without_the_pages_token_or_signed_out_or_too_long_the_preview_is_refused()
    {
        var client = await app.LoginAsync(await app.CreateUserAsync());
        var token = await TokenOfAsync(client, $"/ask?hub={(await app.HubAsync()).Slug}");

        Assert.Equal(HttpStatusCode.BadRequest, (await PreviewAsync(client, "hallo", null)).StatusCode);
        var anonymous = await PreviewAsync(app.Browser(), "hallo", token);
        Assert.True(anonymous.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Unauthorized, anonymous.StatusCode.ToString());
        var tooLong = await PreviewAsync(client, new string('x', 30_001), token);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLong.StatusCode);
        Assert.Contains("body", await tooLong.Content.ReadAsStringAsync());
    }

    /// <summary>Every hostile Markdown case of the snapshot tests, through the HTTP endpoint: exactly what a stored post becomes.</summary>
    [Theory]
    [MemberData(nameof(MarkdownTests.Cases), MemberType = typeof(MarkdownTests))]
    public async Task The_hostile_markdown_cases_preview_exactly_as_they_are_stored(string name, string markdown)
    {
        var client = await app.LoginAsync(await app.CreateUserAsync());
        var token = await TokenOfAsync(client, $"/ask?hub={(await app.HubAsync()).Slug}");
        var response = await PreviewAsync(client, markdown, token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("html").GetString();
        Assert.True(new Community.Web.Infrastructure.MarkdownRenderer().Render(markdown).Html == html, name);
    }

    [Fact]
    public async Task The_api_previews_for_a_token()
    {
        var api = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.PostAsJsonAsync("/api/v1/preview", new { body = "*x*" })).StatusCode);
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.CreateTokenAsync(await app.CreateUserAsync()));
        var response = await api.PostAsJsonAsync("/api/v1/preview", new { body = "*schräg*" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<em>schräg</em>", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("html").GetString());
    }
}
