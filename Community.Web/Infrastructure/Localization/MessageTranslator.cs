using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;

namespace Community.Web.Infrastructure.Localization;

/// <summary>
/// Translates the readable English messages that domain rules and validators produce (they stay free of UI concerns).
/// A message is looked up as it is; failing that, with its numbers as placeholders, so
/// "The title must be at most 150 characters long (it has 163)." finds "… at most {0} characters long (it has {1})."
/// </summary>
public sealed partial class MessageTranslator(IStringLocalizer<SharedResource> localizer, DisplayTime times)
{
    /// <summary>A refusal from a rule: from its template when it has one, else from its message.</summary>
    public string Translate(Community.Domain.DomainException e) =>
        e.Template is null ? Translate(e.Message) : UiMessages.Render(localizer, times, e.Template, e.Arguments, e.Message);

    public string Translate(string message)
    {
        var exact = localizer[message];
        if (!exact.ResourceNotFound) return exact.Value;
        var numbers = Numbers().Matches(message).Select(m => m.Value).ToArray();
        if (numbers.Length == 0) return message;
        var index = 0;
        // Braces a message echoes from input ("a1{") must not read as placeholders.
        var template = Numbers().Replace(message.Replace("{", "{{").Replace("}", "}}"), _ => "{" + index++ + "}");
        try
        {
            var templated = localizer[template, numbers.Cast<object>().ToArray()];
            return templated.ResourceNotFound ? message : templated.Value;
        }
        catch (FormatException)
        {
            return message;
        }
    }

    // "20,000", "20.000" and "20 000" (a rule formatting with the reader's culture) are one number each.
    [GeneratedRegex(@"\d{1,3}(?:[,.\u00a0\u202f’']\d{3})+(?!\d)|\d+")]
    private static partial Regex Numbers();
}
