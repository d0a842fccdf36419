using System.ComponentModel.DataAnnotations;
using Community.Web.Data;
using Community.Web.Infrastructure.Localization;
using Community.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Community.Web.Features.Account;

public class LoginModel(SignInManager<CommunityUser> signIn, UserManager<CommunityUser> users, AccountMail mail, DisplayTime dates, TimeProvider clock) : CommunityPageModel
{
    [BindProperty, Required(ErrorMessage = "Enter your email or public name.")] public string? Login { get; set; }
    [BindProperty, Required(ErrorMessage = "Enter your password.")] public string? Password { get; set; }
    [BindProperty] public bool RememberMe { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Invalid();
        // Per client address, and per target account so that one name tried from many addresses is slowed as well.
        if (IsRefused(RateLimitPolicies.Login) || IsRefused(RateLimitPolicies.LoginAccount, "account:" + Login!.Trim().ToUpperInvariant())) return Invalid();
        var user = await FindAsync(Login!);
        // Unknown, locked and wrong-password logins get the same answer in about the same time, so the form does not
        // tell which names and addresses have an account.
        if (user is null)
        {
            users.PasswordHasher.VerifyHashedPassword(new CommunityUser(), TimingDecoyHash, Password!);
            return Failed();
        }
        // A suspension is also a lockout; it is told only to someone who knows the password.
        var suspended = user.SuspendedUntil > clock.GetUtcNow();
        if (!suspended && await users.IsLockedOutAsync(user)) return Failed();
        if (!user.EmailConfirmed || suspended)
        {
            // Only someone who knows the password learns that the address is unconfirmed or the account suspended.
            if (!await users.CheckPasswordAsync(user, Password!))
            {
                await users.AccessFailedAsync(user);
                return Failed();
            }
            if (user.EmailConfirmed)
                ModelState.AddModelError("", T("This account is suspended by a moderator until {0}.", dates.DateAndTime(user.SuspendedUntil!.Value)));
            else if (!IsRefused(RateLimitPolicies.AccountMail))
            {
                await mail.SendConfirmationAsync(user, Request);
                ModelState.AddModelError("", T("Please confirm your email address first: we have just sent you a new confirmation link."));
            }
            return Invalid();
        }
        var result = await signIn.PasswordSignInAsync(user, Password!, RememberMe, lockoutOnFailure: true);
        if (result.Succeeded) return LocalRedirect(SafeReturnUrl);
        if (result.RequiresTwoFactor) return RedirectToPage("LoginTwoFactor", new { ReturnUrl = SafeReturnUrl, RememberMe });
        return Failed();
    }

    private string SafeReturnUrl => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";

    // A hash of a random password, verified for unknown names so they cost as long as a wrong password.
    private static readonly string TimingDecoyHash = new PasswordHasher<CommunityUser>().HashPassword(new CommunityUser(), Guid.NewGuid().ToString());

    private PageResult Failed()
    {
        ModelState.AddModelError("", T("Wrong name, email or password. After 5 failed attempts an account is locked for 15 minutes; you can reset your password meanwhile."));
        return Invalid();
    }

    private async Task<CommunityUser?> FindAsync(string login) =>
        login.Contains('@') ? await users.FindByEmailAsync(login.Trim()) : await users.FindByNameAsync(login.Trim());

    private PageResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}

