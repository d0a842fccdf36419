using Community.Domain;
using Community.Domain.Threads;
using Community.Web.Infrastructure.Security;
using Community.Web.Infrastructure;

namespace Community.Web.Features.Threads;

/// <summary>
/// The composer's live preview: Markdown rendered by the server with the same pipeline as a stored post (Markdig, then
/// the HtmlSanitizer allow-list), so what the preview shows is what the post will show; no second Markdown engine runs
/// in the browser. <c>POST /preview</c> for signed-in pages (antiforgery header), <c>POST /api/v1/preview</c> for tokens.
/// </summary>
public static class Preview
{
    public sealed record BodyDto(string? Body);

    public sealed record PreviewDto(string Html);

    public static void MapPreview(this IEndpointRouteBuilder app) =>
        app.MapPost("/preview", (Delegate)PreviewForPageAsync).RequireAuthorization().DisableAntiforgery().ExcludeFromDescription()
            .RequireRateLimiting(RateLimitPolicies.Api);

    public static void MapPreviewApi(this IEndpointRouteBuilder api) =>
        api.MapPost("/preview", async (BodyDto dto, MarkdownRenderer markdown, Following.PostNotices notices, CancellationToken ct) => TypedResults.Ok(await RenderAsync(dto, markdown, notices, ct)))
            .WithTags("Community").RequireAuthorization(ApiTokenFormat.ReadPolicy);

    // The page's token in X-CSRF-TOKEN and problem+json refusals, as every script endpoint of a page (PageEndpoints).
    private static Task<IResult> PreviewForPageAsync(HttpContext http, BodyDto dto, MarkdownRenderer markdown, Following.PostNotices notices) =>
        PageEndpoints.RunAsync(http, async () => TypedResults.Ok(await RenderAsync(dto, markdown, notices, http.RequestAborted)));

    private static async Task<PreviewDto> RenderAsync(BodyDto dto, MarkdownRenderer markdown, Following.PostNotices notices, CancellationToken ct)
    {
        var body = dto.Body ?? "";
        if (body.Length > ThreadRules.MaxBodyLength)
            throw ValidationFailedException.For("body", UiMessage.Saying("The text must be at most {0:N0} characters long (it has {1:N0}).", ThreadRules.MaxBodyLength, body.Length));
        // @names link to their profiles as in the stored post; nobody is told until the post is sent.
        return new PreviewDto(markdown.Render(body, (await notices.ResolveAsync(body, ct)).Links).Html);
    }
}
