using Community.Domain;
using Community.Web.Infrastructure;
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
                    ModelState.AddModelError(prefix + field, message);
        }
        catch (DomainException e) when (e is not ForbiddenException)
        {
            ModelState.AddModelError("", e.Message);
        }
        return (false, default);
    }

    protected Actor Actor => User.ToActor();

    public bool HasError(string field) => ModelState.TryGetValue(field, out var e) && e.Errors.Count > 0;
}
