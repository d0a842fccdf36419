using System.Text.Json;
using Community.Domain;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Community.Web.Infrastructure;

/// <summary>
/// Turns the app's exceptions into RFC 7807 answers for the API; pages fall through to the /error page.
/// Nothing here writes a stack trace to the client.
/// </summary>
public sealed partial class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        // By now the request path is already the error page's; the feature keeps the original one.
        var path = context.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? context.Request.Path.Value;
        if (path is null || !path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase)) return false;

        var (status, details) = ToProblem(exception);
        if (status >= 500) log.LogError(exception, "Unhandled error in {Path}", path);
        context.Response.StatusCode = status;
        SetRetryAfter(context.Response, status, exception);
        await context.Response.WriteAsJsonAsync(details, details.GetType(), options: (JsonSerializerOptions?)null, contentType: "application/problem+json", ct);
        return true;
    }

    /// <summary>When to ask again: a 503 in half a minute, a 429 when the limit lets the client in.</summary>
    public static void SetRetryAfter(HttpResponse response, int status, Exception exception)
    {
        if (status == 503) response.Headers.RetryAfter = "30";
        if (exception is Security.TooManyRequestsException tooMany) response.Headers.RetryAfter = Security.RequestLimits.RetryAfterSeconds(tooMany.RetryAfter);
    }

    public static (int Status, ProblemDetails Details) ToProblem(Exception exception) => exception switch
    {
        ValidationFailedException v => (422, new ValidationProblemDetails(v.Errors.ToDictionary(e => CamelCase(e.Key), e => e.Value))
        {
            Status = 422, Title = "The request has invalid fields.",
        }),
        NotFoundException n => (404, new ProblemDetails { Status = 404, Title = "Not found", Detail = n.Message }),
        ForbiddenException f => (403, new ProblemDetails { Status = 403, Title = "Forbidden", Detail = f.Message }),
        DomainException d => (409, new ProblemDetails { Status = 409, Title = "Not possible", Detail = d.Message }),
        Security.TooManyRequestsException t => (429, new ProblemDetails { Status = 429, Title = "Too many requests", Detail = $"Too many requests; try again in {Security.RequestLimits.RetryAfterSeconds(t.RetryAfter)} seconds." }),
        BadHttpRequestException b => (b.StatusCode, new ProblemDetails { Status = b.StatusCode, Title = "Bad request", Detail = Readable(b.Message) }),
        Features.Uploads.UploadStoreUnavailableException => (503, new ProblemDetails { Status = 503, Title = "Temporarily unavailable", Detail = "Images cannot be stored or read right now; try again in a minute." }),
        _ when DatabaseAvailability.IsUnavailable(exception) => (503, new ProblemDetails { Status = 503, Title = "Temporarily unavailable", Detail = "The database cannot be reached right now; try again in a minute." }),
        _ => (500, new ProblemDetails { Status = 500, Title = "Something went wrong on our side.", Detail = "The error has been logged." }),
    };

    /// <summary>
    /// ASP.NET Core's binding messages name .NET types ("Failed to bind parameter "Nullable`1 limit" from "abc"");
    /// a client is told about its field instead.
    /// </summary>
    public static string Readable(string message)
    {
        if (BindFailure().Match(message) is { Success: true } bind)
            return $"The value of {bind.Groups["name"].Value} is not valid ({bind.Groups["value"].Value}).";
        if (MissingValue().Match(message) is { Success: true } missing)
            return $"{missing.Groups["name"].Value} is required.";
        if (message.Contains("JSON", StringComparison.Ordinal))
            return "The request body is not valid JSON for this endpoint.";
        return "The request could not be read.";
    }

    [System.Text.RegularExpressions.GeneratedRegex("parameter \"(?:[^\"]*\\s)?(?<name>[A-Za-z_][A-Za-z0-9_]*)\" from \"(?<value>[^\"]*)\"")]
    private static partial System.Text.RegularExpressions.Regex BindFailure();

    [System.Text.RegularExpressions.GeneratedRegex("Required parameter \"(?:[^\"]*\\s)?(?<name>[A-Za-z_][A-Za-z0-9_]*)\" was not provided")]
    private static partial System.Text.RegularExpressions.Regex MissingValue();

    /// <summary>Field names as the JSON request spells them ("title", not "Title").</summary>
    public static string CamelCase(string field) => field.Length == 0 ? field : char.ToLowerInvariant(field[0]) + field[1..];
}
