using System.Text;
using System.Text.Encodings.Web;
using Community.Web.Data;
using Community.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace Community.Web.Features.Account;

/// <summary>Builds and mails the confirmation and reset links; tokens are Base64Url so they survive a URL.</summary>
public sealed class AccountMail(UserManager<CommunityUser> users, IMailSender mail, IConfiguration config)
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
        await mail.SendAsync(new MailMessage(user.Email!, "Confirm your email address",
            $"<p>Hello {HtmlEncoder.Default.Encode(user.UserName!)},</p><p>please confirm your address: <a href=\"{HtmlEncoder.Default.Encode(link)}\">{HtmlEncoder.Default.Encode(link)}</a></p>"));
        return link;
    }

    public async Task SendPasswordResetAsync(CommunityUser user, HttpRequest request)
    {
        var code = Encode(await users.GeneratePasswordResetTokenAsync(user));
        var link = $"{BaseUrl(request)}/account/reset-password?email={Uri.EscapeDataString(user.Email!)}&code={code}";
        await mail.SendAsync(new MailMessage(user.Email!, "Reset your password",
            $"<p>Hello {HtmlEncoder.Default.Encode(user.UserName!)},</p><p>set a new password here: <a href=\"{HtmlEncoder.Default.Encode(link)}\">{HtmlEncoder.Default.Encode(link)}</a></p><p>If you did not ask for this, ignore this mail.</p>"));
    }
}
