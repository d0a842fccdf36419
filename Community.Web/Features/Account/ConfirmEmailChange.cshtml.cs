using Community.Web.Data;
using Community.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Community.Web.Features.Account;

/// <summary>The link mailed to a new address: opening it moves the account to that address.</summary>
public class ConfirmEmailChangeModel(UserManager<CommunityUser> users, SignInManager<CommunityUser> signIn) : CommunityPageModel
{
    public bool Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? userId, string? email, string? code)
    {
        var user = userId is null ? null : await users.FindByIdAsync(userId);
        var token = AccountMail.Decode(code);
        if (user is null || token is null || string.IsNullOrWhiteSpace(email))
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        var result = await users.ChangeEmailAsync(user, email, token);
        Done = result.Succeeded;
        if (!Done)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        if (User.UserId() == user.Id) await signIn.RefreshSignInAsync(user);
        return Page();
    }
}
