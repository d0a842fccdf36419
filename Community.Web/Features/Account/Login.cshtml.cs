using System.ComponentModel.DataAnnotations;
using Community.Web.Data;
using Community.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Community.Web.Features.Account;

public class LoginModel(SignInManager<CommunityUser> signIn, UserManager<CommunityUser> users, AccountMail mail, DisplayTime dates) : CommunityPageModel
{
    [BindProperty, Required(ErrorMessage = "Enter your email or public name.")] public string? Login { get; set; }
    [BindProperty, Required(ErrorMessage = "Enter your password.")] public string? Password { get; set; }
    [BindProperty] public bool RememberMe { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Invalid();
        var user = await FindAsync(Login!);
        if (user is not null && !user.EmailConfirmed)
        {
            // Only someone who knows the password learns that the address is unconfirmed; they get a fresh link.
            if (await users.CheckPasswordAsync(user, Password!))
            {
                await mail.SendConfirmationAsync(user, Request);
                ModelState.AddModelError("", T("Please confirm your email address first: we have just sent you a new confirmation link."));
                return Invalid();
            }
            await users.AccessFailedAsync(user);
        }
        else if (user is not null && user.SuspendedUntil > DateTimeOffset.UtcNow)
        {
            // Checked before the password, so it reveals nothing about it; the reason went to the person by notification.
            ModelState.AddModelError("", T("This account is suspended by a moderator until {0}.", dates.DateAndTime(user.SuspendedUntil!.Value)));
            return Invalid();
        }
        else if (user is not null)
        {
            var result = await signIn.PasswordSignInAsync(user, Password!, RememberMe, lockoutOnFailure: true);
            if (result.Succeeded) return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
            if (result.IsLockedOut)
            {
                ModelState.AddModelError("", T("Too many failed attempts: this account is locked for 15 minutes. You can reset your password meanwhile."));
                return Invalid();
            }
        }
        ModelState.AddModelError("", T("Wrong name, email or password."));
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

