using Community.Domain;
using Community.Domain.Escalation;
using Community.Domain.Notifications;
using Community.Domain.Ranks;
using Microsoft.Extensions.Localization;

namespace Community.Web.Infrastructure.Localization;

/// <summary>Messages kept as an English template with arguments (notifications, refusals), in the current UI language.</summary>
public static class UiMessages
{
    public static string Render(IStringLocalizer localizer, DisplayTime times, string template, IEnumerable<object> arguments, string fallback)
    {
        var values = arguments.Select(a => a switch
        {
            UiText t => localizer[t.English].Value,
            UiTime at => times.DateAndTime(at.At),
            Rank r => r.DisplayName(),
            _ => a,
        }).ToArray();
        try
        {
            return localizer[template, values].Value;
        }
        catch (FormatException)
        {
            // A translation with a placeholder the arguments do not have: the English text is still right.
            return fallback;
        }
    }

    /// <summary>A waiting or handling time ("< 1 min", "42 min", "5,5 h", "3 Tage") in the reader's language.</summary>
    public static string Duration(IStringLocalizer localizer, TimeSpan? t)
    {
        var (template, amount) = EscalationTimes.Describe(t);
        return amount is null ? localizer[template].Value : localizer[template, amount].Value;
    }

    public static string Notification(IStringLocalizer localizer, DisplayTime times, string text, string? template, string? arguments) =>
        template is not null && NotificationArguments.Read(arguments) is { } args
            ? Community.Domain.Notifications.Notification.Shorten(Render(localizer, times, template, args, text))
            : text;
}
