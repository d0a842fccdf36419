using System.ComponentModel.DataAnnotations;
using Community.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Community.Web.Features.Account;

public class LoginModel(SignInManager<CommunityUser> signIn, UserManager<CommunityUser> users, AccountMail mail, IConfiguration config) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Enter your email or public name.")] public string? Login { get; set; }
    [BindProperty, Required(ErrorMessage = "Enter your password.")] public string? Password { get; set; }
    [BindProperty] public bool RememberMe { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public bool CanResendConfirmation { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Invalid();
        var user = await FindAsync(Login!);
        if (user is not null)
        {
            var result = await signIn.PasswordSignInAsync(user, Password!, RememberMe, lockoutOnFailure: true);
            if (result.Succeeded) return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
            if (result.IsLockedOut)
            {
                ModelState.AddModelError("", "Too many failed attempts: this account is locked for 15 minutes. You can reset your password meanwhile.");
                return Invalid();
            }
            if (result.IsNotAllowed)
            {
                ModelState.AddModelError("", "Please confirm your email address first; we sent you a link when you registered.");
                CanResendConfirmation = true;
                return Invalid();
            }
        }
        ModelState.AddModelError("", "Wrong name, email or password.");
        return Invalid();
    }

    public async Task<IActionResult> OnPostResendAsync()
    {
        var user = Login is null ? null : await FindAsync(Login);
        if (user is not null && !user.EmailConfirmed)
        {
            var link = await mail.SendConfirmationAsync(user, Request);
            if (config.GetValue("Mail:ShowConfirmationLinkOnPage", false)) TempData["ConfirmLink"] = link;
        }
        return RedirectToPage("RegisterConfirmation", new { email = user?.Email ?? Login });
    }

    private async Task<CommunityUser?> FindAsync(string login) =>
        login.Contains('@') ? await users.FindByEmailAsync(login.Trim()) : await users.FindByNameAsync(login.Trim());

    private PageResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
