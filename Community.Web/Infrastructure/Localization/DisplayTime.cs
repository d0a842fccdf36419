using System.Globalization;
using Community.Domain.Reputation;
using Microsoft.AspNetCore.Html;

namespace Community.Web.Infrastructure.Localization;

/// <summary>
/// Times as a reader expects them: in the community's time zone (Community:TimeZone), formatted for the request's culture
/// ("23.11.2026, 14:05" in German, "11/23/2026 2:05 PM" in US English), with the exact instant in a machine-readable attribute.
/// </summary>
public sealed class DisplayTime(CommunityCalendar calendar)
{
    public string DateAndTime(DateTimeOffset at) => calendar.Local(at).ToString("g", CultureInfo.CurrentCulture);

    public string Date(DateTimeOffset at) => calendar.Local(at).ToString("d", CultureInfo.CurrentCulture);

    /// <summary>"November 2026" / "November 2026", "Jänner"-style names where the culture has them.</summary>
    public static string Month(int year, int month) => new DateTime(year, month, 1).ToString("Y", CultureInfo.CurrentCulture);

    /// <summary>The month an instant falls in, in the community's time zone.</summary>
    public string MonthOf(DateTimeOffset at) => calendar.Local(at).ToString("Y", CultureInfo.CurrentCulture);

    /// <summary>A &lt;time&gt; element with date and time.</summary>
    public IHtmlContent Time(DateTimeOffset at) => Element(at, DateAndTime(at));

    /// <summary>A &lt;time&gt; element with the date only.</summary>
    public IHtmlContent Day(DateTimeOffset at) => Element(at, Date(at));

    private static HtmlString Element(DateTimeOffset at, string text) =>
        new($"<time datetime=\"{at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}\">{System.Net.WebUtility.HtmlEncode(text)}</time>");
}
