using System.Text;

namespace Community.Web.Infrastructure;

/// <summary>A mail; with an unsubscribe URL it carries List-Unsubscribe headers for one-click unsubscribe (RFC 8058).</summary>
public sealed record MailMessage(string To, string Subject, string HtmlBody, string? UnsubscribeUrl = null);

/// <summary>Mail addresses are personal data: logs get "a•••@example.com", enough to tell a domain problem from a typo.</summary>
public static class MailAddressLog
{
    public static string Mask(string? address)
    {
        if (string.IsNullOrEmpty(address)) return "";
        var at = address.IndexOf('@');
        return at <= 0 ? "•••" : address[0] + "•••" + address[at..];
    }
}

public interface IMailSender
{
    Task SendAsync(MailMessage message, CancellationToken ct = default);
}

/// <summary>
/// Writes each mail as an .eml file into a pickup folder (Mail:PickupDirectory) and logs it, so a self-hosted
/// instance without an SMTP relay still shows its confirmation and reset links to the operator.
/// </summary>
public sealed class PickupDirectoryMailSender(IConfiguration config, IHostEnvironment env, TimeProvider clock, ILogger<PickupDirectoryMailSender> log) : IMailSender
{
    public async Task SendAsync(MailMessage message, CancellationToken ct = default)
    {
        var dir = config["Mail:PickupDirectory"] ?? "data/mail";
        if (!Path.IsPathRooted(dir)) dir = Path.Combine(env.ContentRootPath, dir);
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, $"{clock.GetUtcNow():yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.eml");
        var eml = new StringBuilder()
            .Append("To: ").Append(message.To).Append("\r\n")
            .Append("From: ").Append(config["Mail:From"] ?? "community@localhost").Append("\r\n")
            // RFC 2047, so a German subject's umlauts survive any mail reader.
            .Append("Subject: ").Append(Encoding.ASCII.GetString(MimeKit.Utils.Rfc2047.EncodeText(Encoding.UTF8, message.Subject))).Append("\r\n")
            .Append("MIME-Version: 1.0\r\n")
            .Append(message.UnsubscribeUrl is null ? "" : $"List-Unsubscribe: <{message.UnsubscribeUrl}>\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n")
            .Append("Content-Type: text/html; charset=utf-8\r\n\r\n")
            .Append(message.HtmlBody);
        await File.WriteAllTextAsync(file, eml.ToString(), ct);
        log.LogInformation("Mail to {To} \"{Subject}\" written to {File}", MailAddressLog.Mask(message.To), message.Subject, file);
    }
}

/// <summary>The "Mail:Smtp" section; when Host is set, mail goes to that SMTP server instead of the pickup folder.</summary>
public sealed record SmtpOptions
{
    public string? Host { get; init; }
    public int Port { get; init; } = 587;
    /// <summary>Auto, None, StartTls, StartTlsWhenAvailable or SslOnConnect (MailKit's SecureSocketOptions).</summary>
    public MailKit.Security.SecureSocketOptions Security { get; init; } = MailKit.Security.SecureSocketOptions.Auto;
    public string? UserName { get; init; }
    public string? Password { get; init; }
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>Sends through an SMTP server with MailKit; one connection per mail keeps failures isolated.</summary>
public sealed class SmtpMailSender(SmtpOptions options, IConfiguration config) : IMailSender
{
    public async Task SendAsync(MailMessage message, CancellationToken ct = default)
    {
        var mime = new MimeKit.MimeMessage();
        mime.From.Add(MimeKit.MailboxAddress.Parse(config["Mail:From"] ?? "community@localhost"));
        mime.To.Add(MimeKit.MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;
        if (message.UnsubscribeUrl is not null)
        {
            mime.Headers.Add("List-Unsubscribe", $"<{message.UnsubscribeUrl}>");
            mime.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        mime.Body = new MimeKit.BodyBuilder { HtmlBody = message.HtmlBody }.ToMessageBody();

        using var client = new MailKit.Net.Smtp.SmtpClient { Timeout = (int)options.Timeout.TotalMilliseconds };
        await client.ConnectAsync(options.Host ?? throw new InvalidOperationException("Mail:Smtp:Host is not set."), options.Port, options.Security, ct);
        if (!string.IsNullOrEmpty(options.UserName)) await client.AuthenticateAsync(options.UserName, options.Password ?? "", ct);
        await client.SendAsync(mime, ct);
        await client.DisconnectAsync(true, ct);
    }
}
