using System.ComponentModel.DataAnnotations;
using Community.Web.Data;
using Community.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

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
        // The answer is the same whether or not the address exists, so the form cannot be used to probe accounts.
        // An unconfirmed account gets a reset link too, never a bare confirmation link: whoever registered the address
        // first must not end up confirmed with their own password by the owner's click.
        var user = await users.FindByEmailAsync(Email!.Trim());
        if (user is not null && !IsQuietlyRefused(RateLimitPolicies.AccountMail, "mail:" + user.NormalizedEmail)) await mail.SendPasswordResetAsync(user, Request);
        Sent = true;
        return Page();
    }
}
