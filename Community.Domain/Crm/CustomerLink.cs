using System.Text.RegularExpressions;

namespace Community.Domain.Crm;

/// <summary>A person's consent to have their points credited to a CRM customer account. Unlinking ends it; rows stay as the consent record.</summary>
public class CustomerLink
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public required string CustomerNumber { get; set; }
    public required string ConsentVersion { get; set; }
    public required string ConsentText { get; set; }
    public DateTimeOffset ConsentedAt { get; set; }
    public DateTimeOffset? UnlinkedAt { get; set; }
    /// <summary>Net points sent to the CRM through this link (opening credit plus every credit and debit since).</summary>
    public int CreditedPoints { get; set; }

    public bool IsActive => UnlinkedAt is null;

    /// <summary>"12345678" is shown as "••••5678".</summary>
    public static string Mask(string number) => number.Length <= 4 ? number : new string('•', 4) + number[^4..];
}

/// <summary>Checks customer numbers against the CRM's configured format (ECMAScript rules: \d is 0-9 only, not every script's digits).</summary>
public sealed class CustomerNumberFormat(string pattern, string example)
{
    private readonly Regex _regex = new(pattern, RegexOptions.ECMAScript, TimeSpan.FromMilliseconds(100));

    public string Example { get; } = example;

    public UiMessage? Check(string? number)
    {
        var n = number?.Trim() ?? "";
        if (n.Length == 0) return "Enter your customer number.";
        if (n.Length > 64 || !_regex.IsMatch(n)) return UiMessage.Saying("This is not a valid customer number (for example {0}).", Example);
        return null;
    }
}
