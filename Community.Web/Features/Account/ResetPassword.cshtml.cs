using System.ComponentModel.DataAnnotations;
using Community.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Community.Web.Features.Account;

public class ResetPasswordModel(UserManager<CommunityUser> users, CommunityDb db, TimeProvider clock) : CommunityPageModel
{
    [BindProperty(SupportsGet = true), Required(ErrorMessage = "Enter your email address.")] public string? Email { get; set; }
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    [BindProperty, Required(ErrorMessage = "Choose a new password.")] public string? Password { get; set; }
    [BindProperty, Compare(nameof(Password), ErrorMessage = "The two passwords do not match.")] public string? ConfirmPassword { get; set; }
    public bool Done { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (ModelState.IsValid)
        {
            var user = await users.FindByEmailAsync(Email!.Trim());
            var token = AccountMail.Decode(Code);
            if (user is null || token is null)
            {
                ModelState.AddModelError("", T("This reset link is invalid or has expired. Ask for a new one."));
            }
            else
            {
                var result = await users.ResetPasswordAsync(user, token, Password!);
                if (result.Succeeded)
                {
                    // A new password ends a lockout for failed attempts, never a moderator's suspension. The link came
                    // through the mailbox, so the address is proven: an unconfirmed account is confirmed now, with
                    // the password its owner just chose.
                    await users.SetLockoutEndDateAsync(user, user.SuspendedUntil > clock.GetUtcNow() ? user.SuspendedUntil : null);
                    if (!user.EmailConfirmed)
                    {
                        user.EmailConfirmed = true;
                        await users.UpdateAsync(user);
                    }
                    await Users.RevokeToken.AllOfAsync(db, user.Id, clock.GetUtcNow());
                    Done = true;
                    return Page();
                }
                foreach (var e in result.Errors)
                    ModelState.AddModelError(e.Code.StartsWith("Password") ? nameof(Password) : "",
                        e.Code == "InvalidToken" ? T("This reset link is invalid or has expired. Ask for a new one.") : e.Description);
            }
        }
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
