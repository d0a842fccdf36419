using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;

namespace Community.Web.Infrastructure.Localization;

/// <summary>
/// Translates the readable English messages that domain rules and validators produce (they stay free of UI concerns).
/// A message is looked up as it is; failing that, with its numbers as placeholders, so
/// "The title must be at most 150 characters long (it has 163)." finds "… at most {0} characters long (it has {1})."
/// </summary>
public sealed partial class MessageTranslator(IStringLocalizer<SharedResource> localizer)
{
    public string Translate(string message)
    {
        var exact = localizer[message];
        if (!exact.ResourceNotFound) return exact.Value;
        var numbers = Numbers().Matches(message).Select(m => m.Value).ToArray();
        if (numbers.Length == 0) return message;
        var index = 0;
        var template = Numbers().Replace(message, _ => "{" + index++ + "}");
        var templated = localizer[template, numbers.Cast<object>().ToArray()];
        return templated.ResourceNotFound ? message : templated.Value;
    }

    // "20,000", "20.000" and "20 000" (a rule formatting with the reader's culture) are one number each.
    [GeneratedRegex(@"\d{1,3}(?:[,.\u00a0\u202f’']\d{3})+(?!\d)|\d+")]
    private static partial Regex Numbers();
}
