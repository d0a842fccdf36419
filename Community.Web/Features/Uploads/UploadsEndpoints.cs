using Community.Domain;
using Community.Domain.Uploads;
using Community.Web.Infrastructure;
using Mediator;
using Microsoft.Net.Http.Headers;

namespace Community.Web.Features.Uploads;

/// <summary>
/// <c>POST /uploads</c> (the composer's button, drag-and-drop and paste; the page's form token) and
/// <c>POST /api/v1/uploads</c> (a token): multipart with the field <c>file</c>, answered 201 <c>{url, width, height}</c> or
/// 422 naming <c>file</c>. <c>GET /uploads/{name}</c> serves the stored images from this site, cached for a year.
/// </summary>
public static partial class UploadsEndpoints
{
    public sealed record UploadedDto(string Url, int Width, int Height, string Markdown);

    public static void MapUploads(this IEndpointRouteBuilder app)
    {
        app.MapPost("/uploads", (Delegate)((HttpContext http) => PageEndpoints.RunAsync(http, () => UploadAsync(http))))
            .RequireAuthorization().DisableAntiforgery().ExcludeFromDescription();
        app.MapGet("/uploads/{name}", ServeAsync).ExcludeFromDescription();
    }

    public static void MapUploadsApi(this IEndpointRouteBuilder api) =>
        api.MapPost("/uploads", (Delegate)UploadAsync).WithTags("Community").RequireAuthorization(ApiTokenFormat.WritePolicy)
            .Accepts<IFormFile>("multipart/form-data").Produces<UploadedDto>(201).ProducesValidationProblem(422);

    private static async Task<IResult> UploadAsync(HttpContext http)
    {
        var actor = http.User.ToActor();
        var data = await ReadFileAsync(http.Request, http.RequestServices.GetRequiredService<UploadOptions>(), "file", http.RequestAborted);
        await http.RequestServices.GetRequiredService<UploadGate>().CheckAsync(actor.UserId, data.LongLength, http.RequestAborted);
        var image = await http.RequestServices.GetRequiredService<ImageProcessor>().ForPostAsync(data, http.RequestAborted);
        var result = await http.RequestServices.GetRequiredService<UploadKeeper>().KeepAsync(actor, image, UploadPurpose.Post, http.RequestAborted);
        return TypedResults.Created(result.Url, new UploadedDto(result.Url, result.Width, result.Height, $"![]({result.Url})"));
    }

    /// <summary>The bytes of one form file, refused with a reason naming <paramref name="field"/> before anything is decoded.</summary>
    public static async Task<byte[]> ReadFileAsync(HttpRequest request, UploadOptions options, string field, CancellationToken ct)
    {
        var tooLarge = UiMessage.Saying("The image is too large: at most {0:N0} MB.", options.MaxBytes / (1024 * 1024));
        // A request far larger than any acceptable image is refused before its body is read.
        if (request.ContentLength > options.MaxBytes + 64 * 1024) throw ValidationFailedException.For(field, tooLarge);
        if (!request.HasFormContentType) throw ValidationFailedException.For(field, UiMessage.Saying("Send the image as multipart/form-data in the field \"{0}\".", field));
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            throw ValidationFailedException.For(field, UiMessage.Saying("The upload could not be read; send it again."));
        }
        var file = form.Files.GetFile(field) ?? throw ValidationFailedException.For(field, UiMessage.Saying("Choose an image to upload."));
        if (file.Length > options.MaxBytes) throw ValidationFailedException.For(field, tooLarge);
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }

    private static async Task<IResult> ServeAsync(string name, HttpContext http, IUploadStore store)
    {
        if (StoredName().Match(name) is not { Success: true } m) return Results.NotFound();
        var stream = await store.OpenAsync(name, http.RequestAborted);
        if (stream is null) return Results.NotFound();
        var type = UploadImage.ContentType(m.Groups["ext"].Value);
        // A stored name never changes its bytes: cached for a year by browsers and proxies; never run as a document.
        http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Stream(stream, type, entityTag: new EntityTagHeaderValue("\"" + name + "\""));
    }

    [System.Text.RegularExpressions.GeneratedRegex("^" + UploadImage.StoredNamePattern + "$")]
    private static partial System.Text.RegularExpressions.Regex StoredName();
}
