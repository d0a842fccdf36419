using Community.Domain;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Community.Web.Features.Shared;

/// <summary>The page for every error status: a readable message, never a stack trace.</summary>
[IgnoreAntiforgeryToken]
public class ErrorModel : CommunityPageModel
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
        // The exception handler cleared the headers; a refused request still learns when to come back.
        if (HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error is Infrastructure.Security.TooManyRequestsException tooMany)
            Response.Headers.RetryAfter = Infrastructure.Security.RequestLimits.RetryAfterSeconds(tooMany.RetryAfter);
        if (status == 503) Response.Headers.RetryAfter = "30";
        // A rule's own message says best what went wrong; it is translated when the resource has it.
        var detail = HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error switch
        {
            DomainException rule => Translate(rule.Refusal),
            Infrastructure.NotFoundException missing => Translate(missing.What),
            Infrastructure.ValidationFailedException invalid => Translate(invalid.Messages.Values.SelectMany(m => m).First()),
            _ => null,
        };
        (Heading, Message) = status switch
        {
            400 => (T("Bad request"), T("The form could not be accepted. If you were filling in a form, reload the page and try again.")),
            403 => (T("Not allowed"), detail ?? T("You are not allowed to do this.")),
            404 => (T("Page not found"), detail ?? T("This page does not exist (any more).")),
            413 => (T("Too large"), T("What you sent is too large. Posts can be at most 30,000 characters; please shorten the text.")),
            405 => (T("Not allowed"), T("This address cannot be used like that.")),
            422 => (T("Please check your input"), detail ?? T("Some of what was sent is not valid.")),
            409 => (T("Not possible"), detail ?? T("This cannot be done right now.")),
            429 => (T("Too many requests"), T("You sent many requests in a short time. Please wait a moment and try again.")),
            503 => (T("Temporarily unavailable"), T("The community cannot reach its database right now. Please try again in a minute; if you were sending a post, look whether it arrived before you send it again.")),
            _ => (T("Something went wrong"), T("An error occurred on our side. It has been logged; please try again in a moment.")),
        };
    }
}
