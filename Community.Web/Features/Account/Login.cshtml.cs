using System.ComponentModel.DataAnnotations;
using Community.Web.Data;
using Community.Web.Infrastructure.Localization;
using Community.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Account;

public class LoginModel(SignInManager<CommunityUser> signIn, UserManager<CommunityUser> users, AccountMail mail, DisplayTime dates, TimeProvider clock, CommunityDb db, IConfiguration config) : CommunityPageModel
{
    /// <summary>Where no mail relay is configured (Mail:ShowConfirmationLinkOnPage, on in Development): the new confirmation link, on the page.</summary>
    public string? ConfirmLink { get; private set; }

    [BindProperty, Required(ErrorMessage = "Enter your email or public name.")] public string? Login { get; set; }
    [BindProperty, Required(ErrorMessage = "Enter your password.")] public string? Password { get; set; }
    [BindProperty] public bool RememberMe { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid || IsRefused(RateLimitPolicies.Login)) return Invalid();
        // Per target account too, so one name tried from many addresses is slowed as well; only failures count, so
        // a stranger's attempts cannot use up the owner's own logins. An account used up answers like a wrong
        // password (not 429), so the limit cannot tell which name and which address belong to one account.
        // The account is read only once its attempts are in line, so each sees the failures counted before it.
        var userId = await FindIdAsync(Login!);
        var account = await OneAttemptAtATimeAsync(userId ?? "name:" + Login!.Trim().ToUpperInvariant());
        var user = userId is null ? null : await users.FindByIdAsync(userId);
        if (Limits.Exhausted(RateLimitPolicies.LoginAccount, account) is not null) return Decoy(account, count: false);
        // Unknown, locked and wrong-password logins get the same answer in about the same time, so the form does not
        // tell which names and addresses have an account.
        if (user is null || await IsLockedAsync(user)) return Decoy(account);
        if (!user.EmailConfirmed || user.SuspendedUntil > clock.GetUtcNow())
        {
            // Only someone who knows the password learns that the address is unconfirmed or the account suspended.
            if (!await users.CheckPasswordAsync(user, Password!)) return await FailedAsync(user, account);
            if (user.AccessFailedCount > 0 && user.EmailConfirmed) await users.ResetAccessFailedCountAsync(user);
            if (user.EmailConfirmed)
                ModelState.AddModelError("", T("This account is suspended by a moderator until {0}.", dates.DateAndTime(user.SuspendedUntil!.Value)));
            else if (!IsRefused(RateLimitPolicies.AccountMail))
            {
                if (!IsQuietlyRefused(RateLimitPolicies.AccountMail, "mail:" + user.NormalizedEmail))
                {
                    var link = await mail.SendConfirmationAsync(user, Request);
                    if (config.GetValue("Mail:ShowConfirmationLinkOnPage", false)) ConfirmLink = link;
                }
                ModelState.AddModelError("", T("Please confirm your email address first: we have just sent you a new confirmation link."));
            }
            return Invalid();
        }
        var result = await signIn.PasswordSignInAsync(user, Password!, RememberMe, lockoutOnFailure: true);
        if (result.Succeeded) return LocalRedirect(SafeReturnUrl);
        if (result.RequiresTwoFactor) return RedirectToPage("LoginTwoFactor", new { ReturnUrl = SafeReturnUrl, RememberMe });
        CountFailure(account);
        return Failed();
    }

    private RequestLimits Limits => HttpContext.RequestServices.GetRequiredService<RequestLimits>();

    /// <summary>
    /// Locked out by failed attempts. A suspension also sets the lockout, so a suspended account is "locked" only once
    /// its failed attempts reached the limit; until then its owner may learn of the suspension with the right password.
    /// </summary>
    private async Task<bool> IsLockedAsync(CommunityUser user) =>
        user.SuspendedUntil > clock.GetUtcNow()
            ? user.AccessFailedCount >= users.Options.Lockout.MaxFailedAccessAttempts
            : await users.IsLockedOutAsync(user);

    /// <summary>A wrong password outside the normal sign-in: counted, and locking out like any other account.</summary>
    private async Task<IActionResult> FailedAsync(CommunityUser user, string account)
    {
        CountFailure(account);
        if (user.SuspendedUntil > clock.GetUtcNow())
        {
            // Counted without touching the lockout end, which holds the suspension.
            user.AccessFailedCount++;
            await users.UpdateAsync(user);
        }
        else await users.AccessFailedAsync(user);
        return Failed();
    }

    private PageResult Decoy(string account, bool count = true)
    {
        users.PasswordHasher.VerifyHashedPassword(new CommunityUser(), TimingDecoyHash, Password!);
        if (count) CountFailure(account);
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

    private async Task<string?> FindIdAsync(string login)
    {
        var trimmed = login.Trim();
        var byEmail = trimmed.Contains('@');
        var normalized = byEmail ? users.NormalizeEmail(trimmed) : users.NormalizeName(trimmed);
        return await db.Users.AsNoTracking()
            .Where(u => byEmail ? u.NormalizedEmail == normalized : u.NormalizedUserName == normalized)
            .Select(u => u.Id).FirstOrDefaultAsync();
    }

}

