using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Community.Web.Data;
using Community.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Community.Web.Features.Account;

/// <summary>The second step of a login with two-factor authentication: a code from the app, or a recovery code.</summary>
public class LoginTwoFactorModel(SignInManager<CommunityUser> signIn) : CommunityPageModel
{
    [BindProperty, Required(ErrorMessage = "Enter the code from your authenticator app or a recovery code.")] public string? Code { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    [BindProperty(SupportsGet = true)] public bool RememberMe { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        // In line first (the half-signed-in cookie names the account), then the account is read, so each attempt
        // sees the failures counted before it.
        var pending = await HttpContext.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme);
        if (pending.Principal?.FindFirstValue(ClaimTypes.Name) is not { } userId) return RedirectToPage("Login");
        var account = await OneAttemptAtATimeAsync(userId);
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return RedirectToPage("Login");
        if (!ModelState.IsValid || IsRefused(RateLimitPolicies.Login) || IsExhausted(RateLimitPolicies.LoginAccount, account)) return Invalid();
        var code = Code!.Replace(" ", "").Replace("-", "").Trim();
        // Six digits are an authenticator code; anything else is tried as a recovery code (each works once).
        var result = code.Length == 6 && code.All(char.IsAsciiDigit)
            ? await signIn.TwoFactorAuthenticatorSignInAsync(code, RememberMe, rememberClient: false)
            : await signIn.TwoFactorRecoveryCodeSignInAsync(Code!.Trim().ToUpperInvariant());
        if (result.Succeeded) return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        CountFailure(account);
        ModelState.AddModelError("", T("This code is not valid. After 5 failed attempts an account is locked for 15 minutes."));
        return Invalid();
    }

}
