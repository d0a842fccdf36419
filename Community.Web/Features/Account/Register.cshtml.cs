using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Community.Web.Data;
using Community.Web.Infrastructure.Localization;
using Community.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Account;

public class RegisterModel(UserManager<CommunityUser> users, AccountMail mail, TimeProvider clock, IConfiguration config) : CommunityPageModel
{
    [BindProperty, Required(ErrorMessage = "Choose a public name."), StringLength(30, MinimumLength = 3, ErrorMessage = "The name must be 3 to 30 characters long.")]
    [RegularExpression("^[A-Za-z0-9._-]+$", ErrorMessage = "Use only letters, digits, dot, dash and underscore.")]
    public string? UserName { get; set; }

    [BindProperty, Required(ErrorMessage = "Enter your email address."), EmailAddress(ErrorMessage = "This is not a valid email address.")]
    public string? Email { get; set; }

    [BindProperty, Required(ErrorMessage = "Choose a password."), StringLength(200, MinimumLength = 8, ErrorMessage = "The password must be at least 8 characters long.")]
    public string? Password { get; set; }

    [BindProperty, Compare(nameof(Password), ErrorMessage = "The two passwords do not match.")]
    public string? ConfirmPassword { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid || IsRefused(RateLimitPolicies.Register)) return Invalid();
        // Public names are public anyway (profiles); whether an address has an account is not: a taken address gets
        // the same answer as a new one, and its owner a mail saying someone tried to sign up with it.
        var name = UserName!.Trim();
        if (await users.FindByNameAsync(name) is not null)
        {
            ModelState.AddModelError(nameof(UserName), users.ErrorDescriber.DuplicateUserName(name).Description);
            return Invalid();
        }
        var probe = new CommunityUser { UserName = name, Email = Email!.Trim() };
        foreach (var validator in users.PasswordValidators)
            foreach (var e in (await validator.ValidateAsync(users, probe, Password!)).Errors)
                ModelState.AddModelError(nameof(Password), e.Description);
        if (!ModelState.IsValid) return Invalid();
        if (await users.FindByEmailAsync(Email!.Trim()) is { } owner)
        {
            // About the time a new account costs (hashing its password), and the address as typed, not as stored.
            users.PasswordHasher.HashPassword(probe, Password!);
            if (!IsQuietlyRefused(RateLimitPolicies.AccountMail, "mail:" + owner.NormalizedEmail)) await mail.SendAlreadyRegisteredAsync(owner, Request);
            return RedirectToPage("RegisterConfirmation", new { email = Email!.Trim() });
        }

        // The language the person signed up in is theirs until they choose another: their mail comes in it too.
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var user = new CommunityUser
        {
            UserName = name, Email = Email!.Trim(), JoinedAt = clock.GetUtcNow(),
            Language = Languages.IsSupported(language) ? language : null,
        };
        IdentityResult result;
        try
        {
            result = await users.CreateAsync(user, Password!);
        }
        catch (DbUpdateException e) when (HttpContext.RequestServices.GetRequiredService<Data.CommunityDb>().IsUniqueViolation(e))
        {
            // Someone registered the same name or address a moment earlier.
            ModelState.AddModelError(nameof(UserName), T("This name or email address was just registered by someone else."));
            return Invalid();
        }
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
            {
                var field = e.Code switch
                {
                    _ when e.Code.StartsWith("Password") => nameof(Password),
                    "DuplicateEmail" or "InvalidEmail" => nameof(Email),
                    "DuplicateUserName" or "InvalidUserName" => nameof(UserName),
                    _ => "",
                };
                ModelState.AddModelError(field, e.Description);
            }
            return Invalid();
        }
        var link = await mail.SendConfirmationAsync(user, Request);
        if (config.GetValue("Mail:ShowConfirmationLinkOnPage", false)) TempData["ConfirmLink"] = link;
        return RedirectToPage("RegisterConfirmation", new { email = Email!.Trim() });
    }

}
