using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Community.Web.Features.Shared;

/// <summary>The page for every error status: a readable message, never a stack trace.</summary>
[IgnoreAntiforgeryToken]
public class ErrorModel : PageModel
{
    public string Heading { get; private set; } = "Something went wrong";
    public string Message { get; private set; } = "";

    public void OnGet(int? code) => Describe(code);
    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        var status = code ?? Response.StatusCode;
        if (status < 400) status = 500;
        Response.StatusCode = status;
        var detail = HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error is Community.Domain.DomainException or Infrastructure.NotFoundException or Infrastructure.ValidationFailedException
            ? HttpContext.Features.Get<IExceptionHandlerFeature>()!.Error.Message
            : null;
        (Heading, Message) = status switch
        {
            400 => ("Bad request", "The form could not be accepted. If you were filling in a form, reload the page and try again."),
            403 => ("Not allowed", detail ?? "You are not allowed to do this."),
            404 => ("Page not found", detail ?? "This page does not exist (any more)."),
            413 => ("Too large", "What you sent is too large. Posts can be at most 30,000 characters; please shorten the text."),
            405 => ("Not allowed", "This address cannot be used like that."),
            422 => ("Please check your input", detail ?? "Some of what was sent is not valid."),
            409 => ("Not possible", detail ?? "This cannot be done right now."),
            _ => ("Something went wrong", "An error occurred on our side. It has been logged; please try again in a moment."),
        };
    }
}
