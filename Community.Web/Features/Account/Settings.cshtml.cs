using System.ComponentModel.DataAnnotations;
using Community.Web.Data;
using Community.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Community.Web.Features.Account;

/// <summary>Change password, change email (confirmed from the new address), and the way to two-factor authentication.</summary>
[Authorize]
public class SettingsModel(UserManager<CommunityUser> users, SignInManager<CommunityUser> signIn, AccountMail mail, CommunityDb db, TimeProvider clock,
    Mediator.IMediator mediator, Uploads.ImageProcessor images, Uploads.UploadGate uploads, Uploads.UploadKeeper keeper, Community.Domain.Uploads.UploadOptions uploadOptions) : CommunityPageModel
{
    public bool HasAvatar { get; private set; }
    public Community.Domain.Following.WatchedHubPosts WatchedHubPosts { get; private set; }

    /// <summary>A picture for next to the name: decoded and written again like every upload, the middle square kept.</summary>
    public async Task<IActionResult> OnPostAvatarAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var (ok, _) = await TrySendAsync(async () =>
        {
            var data = await Uploads.UploadsEndpoints.ReadFileAsync(Request, uploadOptions, "avatar", ct);
            await uploads.CheckAsync(Actor.UserId, data.LongLength, ct);
            Uploads.UploadImage.Result upload;
            try
            {
                upload = await keeper.KeepAsync(Actor, await images.ForAvatarAsync(data, ct), Uploads.UploadPurpose.Avatar, ct);
            }
            catch (Uploads.UploadStoreUnavailableException)
            {
                throw Infrastructure.ValidationFailedException.For("avatar", Community.Domain.UiMessage.Saying("Pictures cannot be stored right now; try again in a minute."));
            }
            return await mediator.Send(new Users.SetAvatar.Command(Actor, upload.Key), ct);
        });
        if (!ok)
        {
            // The image checks name their field "file"; on this page it is the picture's field.
            if (ModelState.TryGetValue("file", out var file))
                foreach (var e in file.Errors) ModelState.AddModelError("avatar", e.ErrorMessage);
            ModelState.Remove("file");
            return await ShowAsync(StatusCodes.Status422UnprocessableEntity);
        }
        Message = T("Your picture is saved; it shows next to your name within a few minutes.");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAvatarAsync(CancellationToken ct)
    {
        var (ok, _) = await TrySendAsync(() => mediator.Send(new Users.SetAvatar.Command(Actor, null), ct));
        if (!ok) return await ShowAsync(StatusCodes.Status429TooManyRequests);
        Message = T("Your picture is removed; your initials show instead.");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostWatchedHubsAsync(Community.Domain.Following.WatchedHubPosts? posts, CancellationToken ct)
    {
        if (posts is not { } choice || !Enum.IsDefined(choice)) return await ShowAsync(StatusCodes.Status422UnprocessableEntity);
        await mediator.Send(new Following.WatchedHubsChoice.Command(Actor, choice), ct);
        Message = T("Your choice for watched hubs is saved.");
        return RedirectToPage();
    }

    [BindProperty] public string? CurrentPassword { get; set; }
    [BindProperty, StringLength(200, MinimumLength = 8, ErrorMessage = "The password must be at least 8 characters long.")] public string? NewPassword { get; set; }
    [BindProperty, Compare(nameof(NewPassword), ErrorMessage = "The two passwords do not match.")] public string? ConfirmPassword { get; set; }
    [BindProperty, EmailAddress(ErrorMessage = "This is not a valid email address.")] public string? NewEmail { get; set; }
    [BindProperty] public string? EmailPassword { get; set; }
    [TempData] public string? Message { get; set; }
    public string CurrentEmail { get; private set; } = "";
    public bool TwoFactorEnabled { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await ShowAsync();

    public async Task<IActionResult> OnPostPasswordAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        ModelState.Remove(nameof(NewEmail));
        ModelState.Remove(nameof(EmailPassword));
        if (string.IsNullOrEmpty(CurrentPassword)) ModelState.AddModelError(nameof(CurrentPassword), T("Enter your current password."));
        if (string.IsNullOrEmpty(NewPassword)) ModelState.AddModelError(nameof(NewPassword), T("Choose a password."));
        var account = await OneAttemptAtATimeAsync(user.Id);
        if (!ModelState.IsValid || IsExhausted(RateLimitPolicies.LoginAccount, account)) return await ShowAsync(StatusCodes.Status422UnprocessableEntity);
        var result = await users.ChangePasswordAsync(user, CurrentPassword!, NewPassword!);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == "PasswordMismatch")) CountFailure(account);
            foreach (var e in result.Errors)
                ModelState.AddModelError(e.Code == "PasswordMismatch" ? nameof(CurrentPassword) : nameof(NewPassword), e.Code == "PasswordMismatch" ? T("Your current password is not right.") : e.Description);
            return await ShowAsync(StatusCodes.Status422UnprocessableEntity);
        }
        // The security stamp changed: other sessions end, and so do the API tokens; this session stays signed in.
        await signIn.RefreshSignInAsync(user);
        await Users.RevokeToken.AllOfAsync(db, user.Id, clock.GetUtcNow());
        await mail.SendSecurityNoticeAsync(user, user.Email!, "The password of your account was changed. If it was not you, reset it now.", Request);
        Message = T("Your password has been changed.");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEmailAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        ModelState.Remove(nameof(NewPassword));
        ModelState.Remove(nameof(ConfirmPassword));
        if (string.IsNullOrWhiteSpace(NewEmail)) ModelState.AddModelError(nameof(NewEmail), T("Enter your email address."));
        if (string.IsNullOrEmpty(EmailPassword)) ModelState.AddModelError(nameof(EmailPassword), T("Enter your current password."));
        // A borrowed session alone must not move the account to another address (and from there reset its password).
        if (!ModelState.IsValid || !await IsPasswordRightAsync(users, user, EmailPassword, nameof(EmailPassword), "Your current password is not right.")
            || IsRefused(RateLimitPolicies.AccountMail, RequestLimits.ClientKey(HttpContext)))
            return await ShowAsync(StatusCodes.Status422UnprocessableEntity);
        // The address changes only when its owner opens the link sent there; whether it has an account is not said here.
        await mail.SendEmailChangeAsync(user, NewEmail!.Trim(), Request);
        await mail.SendSecurityNoticeAsync(user, user.Email!, "Someone asked to move your account to another email address. If it was not you, change your password now.", Request);
        Message = T("We sent a confirmation link to {0}. Your address changes when you open it.", NewEmail.Trim());
        return RedirectToPage();
    }

    private async Task<IActionResult> ShowAsync(int status = StatusCodes.Status200OK)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        CurrentEmail = user.Email ?? "";
        TwoFactorEnabled = user.TwoFactorEnabled;
        HasAvatar = user.AvatarKey is not null;
        WatchedHubPosts = user.WatchedHubPosts;
        Response.StatusCode = status;
        return Page();
    }
}
