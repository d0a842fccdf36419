using System.Globalization;

namespace Community.Domain;

/// <summary>An argument of a message that is itself a UI text (a badge's name, a privilege), translated for each reader.</summary>
public sealed record UiText(string English);

/// <summary>An argument of a message that is a moment, shown in each reader's time zone and format.</summary>
public sealed record UiTime(DateTimeOffset At);

/// <summary>
/// Messages for people are English templates with arguments ("You need {0} reputation…"), so a UI can show them in the
/// reader's language; <see cref="English"/> renders them for logs, exports and the API.
/// </summary>
public static class UiMessage
{
    public static string English(string template, IEnumerable<object> arguments) =>
        string.Format(CultureInfo.InvariantCulture, template, arguments.Select(a => a switch
        {
            UiText t => t.English,
            UiTime at => at.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC",
            Ranks.Rank r => r.Name,
            _ => a,
        }).ToArray());
}
