using System.Text;
using System.Text.Encodings.Web;
using Community.Web.Data;
using Community.Web.Infrastructure;
using Community.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;

namespace Community.Web.Features.Account;

/// <summary>
/// Builds and mails the confirmation and reset links (tokens are Base64Url so they survive a URL), in the language of
/// the request that asked for them.
/// </summary>
public sealed class AccountMail(UserManager<CommunityUser> users, IMailSender mail, IConfiguration config, IStringLocalizer<SharedResource> localizer)
{
    public static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    public static string? Decode(string? code)
    {
        if (string.IsNullOrEmpty(code)) return null;
        try { return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code)); }
        catch (FormatException) { return null; }
    }

    /// <summary>
    /// Links in mails use Community:PublicBaseUrl when set; otherwise the request's host, which host filtering
    /// (AllowedHosts) limits, so a forged Host header cannot point a reset link at another site.
    /// </summary>
    private string BaseUrl(HttpRequest request)
    {
        var configured = config["Community:PublicBaseUrl"];
        return string.IsNullOrWhiteSpace(configured) ? $"{request.Scheme}://{request.Host}" : configured.TrimEnd('/');
    }

    public async Task<string> SendConfirmationAsync(CommunityUser user, HttpRequest request)
    {
        var code = Encode(await users.GenerateEmailConfirmationTokenAsync(user));
        var link = $"{BaseUrl(request)}/account/confirm-email?userId={Uri.EscapeDataString(user.Id)}&code={code}";
        var e = HtmlEncoder.Default;
        await mail.SendAsync(new MailMessage(user.Email!, localizer["Confirm your email address"],
            $"<p>{e.Encode(localizer["Hello {0},", user.UserName!])}</p><p>{e.Encode(localizer["please confirm your address:"])} <a href=\"{e.Encode(link)}\">{e.Encode(link)}</a></p>"));
        return link;
    }

    /// <summary>Someone tried to sign up with an address that has an account: its owner hears of it, the form says nothing.</summary>
    public async Task SendAlreadyRegisteredAsync(CommunityUser user, HttpRequest request)
    {
        var e = HtmlEncoder.Default;
        var login = $"{BaseUrl(request)}/account/login";
        var reset = $"{BaseUrl(request)}/account/forgot-password";
        await mail.SendAsync(new MailMessage(user.Email!, localizer["Someone tried to sign up with your address"],
            $"<p>{e.Encode(localizer["Hello {0},", user.UserName!])}</p><p>{e.Encode(localizer["someone tried to create a new account with this email address, which already has one. If it was you, log in instead:"])} <a href=\"{e.Encode(login)}\">{e.Encode(login)}</a></p>" +
            $"<p>{e.Encode(localizer["Forgot your password? Set a new one here:"])} <a href=\"{e.Encode(reset)}\">{e.Encode(reset)}</a></p><p>{e.Encode(localizer["If it was not you, ignore this mail; nothing was changed."])}</p>"));
    }

    public async Task SendEmailChangeAsync(CommunityUser user, string newEmail, HttpRequest request)
    {
        var code = Encode(await users.GenerateChangeEmailTokenAsync(user, newEmail));
        var link = $"{BaseUrl(request)}/account/confirm-email-change?userId={Uri.EscapeDataString(user.Id)}&email={Uri.EscapeDataString(newEmail)}&code={code}";
        var e = HtmlEncoder.Default;
        await mail.SendAsync(new MailMessage(newEmail, localizer["Confirm your new email address"],
            $"<p>{e.Encode(localizer["Hello {0},", user.UserName!])}</p><p>{e.Encode(localizer["please confirm your new address:"])} <a href=\"{e.Encode(link)}\">{e.Encode(link)}</a></p><p>{e.Encode(localizer["If you did not ask for this, ignore this mail."])}</p>"));
    }

    /// <summary>Tells the account's (old) address that something about its security changed, with a way back.</summary>
    public async Task SendSecurityNoticeAsync(CommunityUser user, string to, string what, HttpRequest request)
    {
        var e = HtmlEncoder.Default;
        var reset = $"{BaseUrl(request)}/account/forgot-password";
        await mail.SendAsync(new MailMessage(to, localizer["Security notice for your account"],
            $"<p>{e.Encode(localizer["Hello {0},", user.UserName!])}</p><p>{e.Encode(localizer[what])}</p><p>{e.Encode(localizer["Forgot your password? Set a new one here:"])} <a href=\"{e.Encode(reset)}\">{e.Encode(reset)}</a></p>"));
    }

    public async Task SendPasswordResetAsync(CommunityUser user, HttpRequest request)
    {
        var code = Encode(await users.GeneratePasswordResetTokenAsync(user));
        var link = $"{BaseUrl(request)}/account/reset-password?email={Uri.EscapeDataString(user.Email!)}&code={code}";
        var e = HtmlEncoder.Default;
        await mail.SendAsync(new MailMessage(user.Email!, localizer["Reset your password"],
            $"<p>{e.Encode(localizer["Hello {0},", user.UserName!])}</p><p>{e.Encode(localizer["set a new password here:"])} <a href=\"{e.Encode(link)}\">{e.Encode(link)}</a></p><p>{e.Encode(localizer["If you did not ask for this, ignore this mail."])}</p>"));
    }
}
