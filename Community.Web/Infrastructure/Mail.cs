using System.Text;

namespace Community.Web.Infrastructure;

public sealed record MailMessage(string To, string Subject, string HtmlBody);

public interface IMailSender
{
    Task SendAsync(MailMessage message, CancellationToken ct = default);
}

/// <summary>
/// Writes each mail as an .eml file into a pickup folder (Mail:PickupDirectory) and logs it, so a self-hosted
/// instance without an SMTP relay still shows its confirmation and reset links to the operator.
/// </summary>
public sealed class PickupDirectoryMailSender(IConfiguration config, IHostEnvironment env, ILogger<PickupDirectoryMailSender> log) : IMailSender
{
    public async Task SendAsync(MailMessage message, CancellationToken ct = default)
    {
        var dir = config["Mail:PickupDirectory"] ?? "data/mail";
        if (!Path.IsPathRooted(dir)) dir = Path.Combine(env.ContentRootPath, dir);
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, $"{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.eml");
        var eml = new StringBuilder()
            .Append("To: ").Append(message.To).Append("\r\n")
            .Append("From: ").Append(config["Mail:From"] ?? "community@localhost").Append("\r\n")
            .Append("Subject: ").Append(message.Subject).Append("\r\n")
            .Append("Content-Type: text/html; charset=utf-8\r\n\r\n")
            .Append(message.HtmlBody);
        await File.WriteAllTextAsync(file, eml.ToString(), ct);
        log.LogInformation("Mail to {To} \"{Subject}\" written to {File}", message.To, message.Subject, file);
    }
}
