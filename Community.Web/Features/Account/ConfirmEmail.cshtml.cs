using Community.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Community.Web.Features.Account;

public class ConfirmEmailModel(UserManager<CommunityUser> users) : PageModel
{
    public bool Confirmed { get; private set; }

    public async Task OnGetAsync(string? userId, string? code)
    {
        var token = AccountMail.Decode(code);
        var user = userId is null ? null : await users.FindByIdAsync(userId);
        Confirmed = user is not null && token is not null && (await users.ConfirmEmailAsync(user, token)).Succeeded;
        if (!Confirmed) Response.StatusCode = StatusCodes.Status400BadRequest;
    }
}
