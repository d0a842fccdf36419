using System.ComponentModel.DataAnnotations;
using Community.Web.Data;
using Community.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Community.Web.Features.Account;

public class ForgotPasswordModel(UserManager<CommunityUser> users, AccountMail mail) : CommunityPageModel
{
    [BindProperty, Required(ErrorMessage = "Enter your email address."), EmailAddress(ErrorMessage = "This is not a valid email address.")]
    public string? Email { get; set; }
    public bool Sent { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        if (IsRefused(RateLimitPolicies.AccountMail))
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        // The answer is the same whether or not the address exists, so the form cannot be used to probe accounts;
        // the mail says what happened: a reset link, or a new confirmation link for an account not yet confirmed.
        var user = await users.FindByEmailAsync(Email!.Trim());
        if (user is { EmailConfirmed: true }) await mail.SendPasswordResetAsync(user, Request);
        else if (user is not null) await mail.SendConfirmationAsync(user, Request);
        Sent = true;
        return Page();
    }
}
