using Community.Domain;
using Community.Web.Infrastructure;
using Community.Web.Infrastructure.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Community.Web.Features;

/// <summary>Runs a request and turns validation and rule errors into messages next to the form's fields.</summary>
public abstract class CommunityPageModel : PageModel
{
    protected async Task<(bool Ok, T? Value)> TrySendAsync<T>(Func<ValueTask<T>> send, string prefix = "")
    {
        try
        {
            return (true, await send());
        }
        catch (ValidationFailedException e)
        {
            foreach (var (field, messages) in e.Errors)
                foreach (var message in messages)
                    ModelState.AddModelError(prefix + field, Translate(message));
        }
        catch (DomainException e) when (e is not ForbiddenException)
        {
            ModelState.AddModelError("", HttpContext.RequestServices.GetRequiredService<MessageTranslator>().Translate(e));
        }
        return (false, default);
    }

    protected Actor Actor => User.ToActor();

    /// <summary>A UI text in the request's language; <paramref name="english"/> is the key in SharedResource.</summary>
    protected string T(string english, params object[] args) =>
        HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>()[english, args].Value;

    /// <summary>A message from a rule or validator, in the request's language when it has a translation.</summary>
    protected string Translate(string message) => HttpContext.RequestServices.GetRequiredService<MessageTranslator>().Translate(message);

    public bool HasError(string field) => ModelState.TryGetValue(field, out var e) && e.Errors.Count > 0;
}
