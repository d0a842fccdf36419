using Community.Domain.Notifications;
using Microsoft.Extensions.Localization;

namespace Community.Web.Infrastructure.Localization;

/// <summary>A notification's words in the current UI language, from its stored English template and arguments.</summary>
public static class NotificationTexts
{
    public static string Render(IStringLocalizer localizer, string text, string? template, string? arguments)
    {
        if (template is null || NotificationArguments.Read(arguments) is not { } args) return text;
        var values = args.Select(a => a is UiText t ? localizer[t.English].Value : a).ToArray();
        try
        {
            return Notification.Shorten(localizer[template, values].Value);
        }
        catch (FormatException)
        {
            // A translation with a placeholder the stored arguments do not have: the English text is still right.
            return text;
        }
    }
}
