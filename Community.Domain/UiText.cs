using System.Globalization;

namespace Community.Domain;

/// <summary>An argument of a message that is itself a UI text (a badge's name, a privilege), translated for each reader.</summary>
public sealed record UiText(string English);

/// <summary>An argument of a message that is a moment, shown in each reader's time zone and format.</summary>
public sealed record UiTime(DateTimeOffset At);

/// <summary>
/// A message for people: an English template with arguments ("The title must be at most {0} characters long (it has
/// {1})."), so a UI can show it in the reader's language, with the template as the key of its translations;
/// <see cref="Text"/> renders it in English for logs, exports and the API. A plain string is a message without arguments.
/// </summary>
public sealed record UiMessage(string Template, IReadOnlyList<object> Arguments)
{
    public static UiMessage Saying(string template, params object[] arguments) => new(template, arguments);

    /// <summary>A message without arguments; braces it echoes from input stay text.</summary>
    public static implicit operator UiMessage(string text) => new(text.Replace("{", "{{").Replace("}", "}}"), []);

    public string Text => English(Template, Arguments);

    public override string ToString() => Text;

    public static string English(string template, IEnumerable<object> arguments) =>
        string.Format(CultureInfo.InvariantCulture, template, arguments.Select(a => a switch
        {
            UiText t => t.English,
            UiTime at => at.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC",
            Ranks.Rank r => r.Name,
            _ => a,
        }).ToArray());
}
