using Community.Web.Data;
using Community.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Community.Web.Features.Account;

/// <summary>
/// The link from the confirmation mail opens a form; the address is confirmed when the account's password is
/// entered. A link scanner that follows every link confirms nothing, and neither does the owner of a mailbox who
/// clicks the link of an account someone else registered with their address.
/// </summary>
public class ConfirmEmailModel(UserManager<CommunityUser> users) : CommunityPageModel
{
    [BindProperty(SupportsGet = true)] public string? UserId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    [BindProperty] public string? Password { get; set; }
    public bool Confirmed { get; private set; }
    public bool LinkWorks { get; private set; } = true;

    public void OnGet() => LinkWorks = UserId is not null && AccountMail.Decode(Code) is not null;

    public async Task<IActionResult> OnPostAsync()
    {
        var token = AccountMail.Decode(Code);
        var user = UserId is null ? null : await users.FindByIdAsync(UserId);
        if (user is null || token is null)
        {
            LinkWorks = false;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (IsRefused(RateLimitPolicies.Login) || !await IsPasswordRightAsync(users, user, Password, nameof(Password), "This is not the password of the account this link belongs to."))
            return Invalid();
        Confirmed = (await users.ConfirmEmailAsync(user, token)).Succeeded;
        if (!Confirmed)
        {
            LinkWorks = false;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return Page();
    }

}
