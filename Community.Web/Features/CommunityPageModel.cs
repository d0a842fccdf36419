using Community.Domain;
using Community.Web.Data;
using Community.Web.Infrastructure;
using Community.Web.Infrastructure.Localization;
using Community.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

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
            foreach (var (field, messages) in e.Messages)
                foreach (var message in messages)
                    ModelState.AddModelError(prefix + field, Translate(message));
        }
        catch (DomainException e) when (e is not ForbiddenException)
        {
            ModelState.AddModelError("", Translate(e.Refusal));
        }
        catch (TooManyRequestsException e)
        {
            ShowRefusal(e.RetryAfter);
        }
        return (false, default);
    }

    /// <summary>Holds the account's attempts in line for the rest of the request (see <see cref="RequestLimits.OneAtATimeAsync"/>).</summary>
    protected async Task<string> OneAttemptAtATimeAsync(string userId)
    {
        var account = "account:" + userId;
        // Once per request: a handler that checks a password and then a code holds the same line.
        if (HttpContext.Items["community.account-hold"] as string == account) return account;
        var hold = await HttpContext.RequestServices.GetRequiredService<RequestLimits>().OneAtATimeAsync(account, HttpContext.RequestAborted);
        HttpContext.Response.RegisterForDispose(hold);
        HttpContext.Items["community.account-hold"] = account;
        return account;
    }

    /// <summary>
    /// The account's own password, checked in line with its other attempts: a wrong one counts against the account's
    /// limit and is named on <paramref name="field"/>; an account with its attempts used up is refused unchecked.
    /// </summary>
    protected async Task<bool> IsPasswordRightAsync(UserManager<CommunityUser> users, CommunityUser user, string? password, string field, string wrongMessage)
    {
        var account = await OneAttemptAtATimeAsync(user.Id);
        if (IsExhausted(RateLimitPolicies.LoginAccount, account)) return false;
        if (!string.IsNullOrEmpty(password) && await users.CheckPasswordAsync(user, password)) return true;
        CountFailure(account);
        ModelState.AddModelError(field, T(wrongMessage));
        return false;
    }

    /// <summary>The form shown again with its errors and what was typed: 422.</summary>
    protected PageResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    /// <summary>A failed password or code: counted against the account's limit.</summary>
    protected void CountFailure(string account) =>
        HttpContext.RequestServices.GetRequiredService<RequestLimits>().Refuse(RateLimitPolicies.LoginAccount, account);

    /// <summary>
    /// Shows a refusal found without taking a permit (<see cref="RequestLimits.Exhausted"/>): 429 with Retry-After.
    /// </summary>
    protected bool IsExhausted(string policy, string key)
    {
        var wait = HttpContext.RequestServices.GetRequiredService<RequestLimits>().Exhausted(policy, key);
        if (wait is null) return false;
        ShowRefusal(wait.Value);
        return true;
    }

    /// <summary>
    /// Takes a permit of <paramref name="policy"/> for this client's address (or <paramref name="key"/>); when refused, the form
    /// is to be shown again with the refusal above it, answered 429 with Retry-After.
    /// </summary>
    protected bool IsRefused(string policy, string? key = null)
    {
        var wait = HttpContext.RequestServices.GetRequiredService<RequestLimits>().Refuse(policy, key ?? RequestLimits.AddressKey(HttpContext));
        if (wait is null) return false;
        ShowRefusal(wait.Value);
        return true;
    }

    /// <summary>
    /// Takes a permit without telling the visitor when refused: for limits on what happens to someone else (mail to
    /// an address), where a visible refusal would tell whether that address has an account.
    /// </summary>
    protected bool IsQuietlyRefused(string policy, string key) =>
        HttpContext.RequestServices.GetRequiredService<RequestLimits>().Refuse(policy, key) is not null;

    private void ShowRefusal(TimeSpan wait)
    {
        if (HttpContext.Features.Get<RateLimitRefusal>() is not null) return;
        HttpContext.Features.Set(new RateLimitRefusal(wait));
        var localizer = HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        ModelState.AddModelError("", T("Too many attempts in a short time. Please wait {0} and try again; what you typed is kept.", UiMessages.Duration(localizer, wait)));
    }

    /// <summary>A refused form is answered 429 (with Retry-After), whatever status the page's re-show path set.</summary>
    public override void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
        if (HttpContext.Features.Get<RateLimitRefusal>() is not { } refusal) return;
        Response.Headers.RetryAfter = RequestLimits.RetryAfterSeconds(refusal.RetryAfter);
        if (context.Result is PageResult page) page.StatusCode = StatusCodes.Status429TooManyRequests;
    }

    protected Actor Actor => User.ToActor();

    /// <summary>A UI text in the request's language; <paramref name="english"/> is the key in SharedResource.</summary>
    protected string T(string english, params object[] args) =>
        HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>()[english, args].Value;

    /// <summary>A message from a rule or validator, in the request's language when it has a translation.</summary>
    protected string Translate(UiMessage message) => HttpContext.RequestServices.GetRequiredService<MessageTranslator>().Translate(message);

    public bool HasError(string field) => ModelState.TryGetValue(field, out var e) && e.Errors.Count > 0;
}
