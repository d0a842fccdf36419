using Community.Domain;
using Community.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace Community.Web.Infrastructure;

/// <summary>
/// The small JSON endpoints a signed-in page's script calls (preview, drafts, uploads, watching): the page's form token
/// must come in the X-CSRF-TOKEN header, so another site cannot make a signed-in browser call them, and a refusal
/// answers problem+json as the API does, in the reader's language.
/// </summary>
public static class PageEndpoints
{
    public static async Task<IResult> RunAsync(HttpContext http, Func<Task<IResult>> work)
    {
        var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
        if (!await antiforgery.IsRequestValidAsync(http))
            return TypedResults.Problem(statusCode: 400, title: "Bad request", detail: "The page's form token is missing or old; reload the page.");
        try
        {
            return await work();
        }
        catch (Exception e) when (e is ValidationFailedException or NotFoundException or DomainException or Security.TooManyRequestsException or Features.Uploads.UploadStoreUnavailableException)
        {
            // The API's answer (ProblemExceptionHandler), with its texts in the reader's language.
            var translator = http.RequestServices.GetRequiredService<MessageTranslator>();
            var (status, details) = ProblemExceptionHandler.ToProblem(e);
            ProblemExceptionHandler.SetRetryAfter(http.Response, status, e);
            if (e is ValidationFailedException v)
                details = new ValidationProblemDetails(v.Messages.ToDictionary(m => ProblemExceptionHandler.CamelCase(m.Key), m => m.Value.Select(translator.Translate).ToArray()))
                {
                    Status = status, Title = details.Title,
                };
            else if (e is DomainException d)
                details.Detail = translator.Translate(d);
            else if (e is Features.Uploads.UploadStoreUnavailableException)
            {
                http.RequestServices.GetRequiredService<ILogger<Features.Uploads.UploadStoreUnavailableException>>().LogError(e, "The upload store failed.");
                details.Detail = translator.Translate(UiMessage.Saying("Images cannot be stored right now; try again in a minute."));
            }
            return Results.Json((object)details, statusCode: status, contentType: "application/problem+json");
        }
    }
}
