using System.Security.Claims;
using System.Text.Encodings.Web;
using Community.Web.Data;
using Community.Web.Infrastructure;
using Community.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Community.Web.Features.Account;

/// <summary>
/// Setting up an authenticator app (TOTP, as Identity ships it) with ten recovery codes, shown once. Admins and
/// moderators are sent here until they have one when Security:RequireTwoFactorForStaff is on.
/// </summary>
[Authorize]
public class TwoFactorModel(UserManager<CommunityUser> users, SignInManager<CommunityUser> signIn, Infrastructure.Branding brand, AccountMail mail) : CommunityPageModel
{
    public bool IsEnabled { get; private set; }
    public bool IsRequired { get; private set; }
    /// <summary>On, but this session was signed in with the password alone (before the role required it).</summary>
    public bool NeedsFreshLogin { get; private set; }
    public string SharedKey { get; private set; } = "";
    public string AuthenticatorUri { get; private set; } = "";
    public string QrCodeDataUri { get; private set; } = "";
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }
    public int RecoveryCodesLeft { get; private set; }
    [BindProperty] public string? Code { get; set; }
    /// <summary>Switching on asks for the password too, so a borrowed session cannot tie the account to someone else's phone.</summary>
    [BindProperty] public string? Password { get; set; }
    /// <summary>Where a staff member was going when the two-factor rule stopped them.</summary>
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? ContinueUrl => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null;

    public async Task<IActionResult> OnGetAsync(bool required = false)
    {
        IsRequired = required;
        return await ShowAsync();
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (!await IsPasswordRightAsync(users, user, Password, nameof(Password), "Your current password is not right.") || !await IsCodeValidAsync(user)) return await ShowAsync(StatusCodes.Status422UnprocessableEntity);
        await users.SetTwoFactorEnabledAsync(user, true);
        await mail.SendSecurityNoticeAsync(user, user.Email!, "Two-factor authentication was switched on for your account.", Request);
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))?.ToList() ?? [];
        // Signed in again with the second factor just proven, so staff pages open at once.
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", "mfa")]);
        return await ShowAsync();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (!user.TwoFactorEnabled) return RedirectToPage();
        // New codes replace the old ones: only with a current code from the app, not with a borrowed session alone.
        if (!await IsCodeValidAsync(user)) return await ShowAsync(StatusCodes.Status422UnprocessableEntity);
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))?.ToList() ?? [];
        return await ShowAsync();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (User.IsModerator() && HttpContext.RequestServices.GetRequiredService<SecurityOptions>().RequireTwoFactorForStaff)
        {
            ModelState.AddModelError("", T("Your role requires two-factor authentication, so it cannot be switched off."));
            return await ShowAsync(StatusCodes.Status409Conflict);
        }
        if (!await IsCodeValidAsync(user)) return await ShowAsync(StatusCodes.Status422UnprocessableEntity);
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        // Signed in again without the second factor's mark, so a later promotion to staff asks for it again.
        await signIn.SignInAsync(user, isPersistent: false);
        await mail.SendSecurityNoticeAsync(user, user.Email!, "Two-factor authentication was switched off for your account.", Request);
        return RedirectToPage();
    }

    /// <summary>A current code from the app (or, to switch off or renew codes, a recovery code); failures count against the account's limit.</summary>
    private async Task<bool> IsCodeValidAsync(CommunityUser user)
    {
        var account = await OneAttemptAtATimeAsync(user.Id);
        if (IsExhausted(RateLimitPolicies.LoginAccount, account)) return false;
        var code = (Code ?? "").Replace(" ", "").Replace("-", "").Trim();
        var valid = code.Length > 0 && (await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code)
            || (user.TwoFactorEnabled && code.Length != 6 && (await users.RedeemTwoFactorRecoveryCodeAsync(user, (Code ?? "").Trim().ToUpperInvariant())).Succeeded));
        if (valid) return true;
        CountFailure(account);
        ModelState.AddModelError(nameof(Code), T("This code is not valid. Check the time on your phone and enter the current code."));
        return false;
    }

    private async Task<IActionResult> ShowAsync(int status = StatusCodes.Status200OK)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        IsEnabled = user.TwoFactorEnabled;
        NeedsFreshLogin = IsEnabled && !User.HasClaim("amr", "mfa");
        // The shared key and recovery codes must not stay in a cache or the browser's history.
        Response.Headers.CacheControl = "no-store";
        RecoveryCodesLeft = IsEnabled ? await users.CountRecoveryCodesAsync(user) : 0;
        if (!IsEnabled)
        {
            var key = await users.GetAuthenticatorKeyAsync(user);
            if (string.IsNullOrEmpty(key))
            {
                await users.ResetAuthenticatorKeyAsync(user);
                key = await users.GetAuthenticatorKeyAsync(user);
            }
            SharedKey = string.Join(' ', key!.ToLowerInvariant().Chunk(4).Select(c => new string(c)));
            var issuer = UrlEncoder.Default.Encode(brand.SiteName);
            AuthenticatorUri = $"otpauth://totp/{issuer}:{UrlEncoder.Default.Encode(user.UserName!)}?secret={key}&issuer={issuer}&digits=6";
            using var qr = QRCoder.QRCodeGenerator.GenerateQrCode(AuthenticatorUri, QRCoder.QRCodeGenerator.ECCLevel.Q);
            QrCodeDataUri = "data:image/png;base64," + Convert.ToBase64String(new QRCoder.PngByteQRCode(qr).GetGraphic(5));
        }
        Response.StatusCode = status;
        return Page();
    }
}
