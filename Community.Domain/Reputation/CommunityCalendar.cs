namespace Community.Domain.Reputation;

/// <summary>
/// Days and months as the community sees them (default Europe/Vienna): a kudos at 23:30 UTC on 31 October
/// counts for 1 November in Vienna, and the daily cap resets at local midnight, across DST changes.
/// </summary>
public sealed class CommunityCalendar(TimeZoneInfo zone)
{
    public TimeZoneInfo Zone { get; } = zone;

    public static CommunityCalendar For(string timeZoneId) => new(TimeZoneInfo.FindSystemTimeZoneById(timeZoneId));

    public DateTime Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone).DateTime;

    /// <summary>yyyymmdd of the local day.</summary>
    public int DayKey(DateTimeOffset at)
    {
        var l = Local(at);
        return l.Year * 10000 + l.Month * 100 + l.Day;
    }

    public static int DayKey(DateOnly d) => d.Year * 10000 + d.Month * 100 + d.Day;

    public static DateOnly FromDayKey(int key) => new(key / 10000, key / 100 % 100, key % 100);

    /// <summary>The instant the local day containing <paramref name="at"/> started.</summary>
    public DateTimeOffset StartOfDay(DateTimeOffset at) => StartOf(DateOnly.FromDateTime(Local(at)));

    /// <summary>The instant local midnight of <paramref name="day"/> happens (DST-aware).</summary>
    public DateTimeOffset StartOf(DateOnly day)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // Midnight may not exist or may be ambiguous on a DST change; take the first valid instant.
        while (Zone.IsInvalidTime(midnight)) midnight = midnight.AddMinutes(30);
        var offset = Zone.IsAmbiguousTime(midnight) ? Zone.GetAmbiguousTimeOffsets(midnight).Max() : Zone.GetUtcOffset(midnight);
        return new DateTimeOffset(midnight, offset).ToUniversalTime();
    }

    public Month MonthOf(DateTimeOffset at)
    {
        var l = Local(at);
        return new Month(l.Year, l.Month);
    }
}

/// <summary>A calendar month, e.g. 2026-10.</summary>
public readonly record struct Month(int Year, int Number) : IComparable<Month>
{
    public int Key => Year * 100 + Number;
    public DateOnly FirstDay => new(Year, Number, 1);
    public DateOnly LastDay => FirstDay.AddMonths(1).AddDays(-1);
    public int FirstDayKey => CommunityCalendar.DayKey(FirstDay);
    public int LastDayKey => CommunityCalendar.DayKey(LastDay);
    public Month Previous => Number == 1 ? new Month(Year - 1, 12) : new Month(Year, Number - 1);
    public Month Next => Number == 12 ? new Month(Year + 1, 1) : new Month(Year, Number + 1);
    public static Month FromKey(int key) => new(key / 100, key % 100);
    public int CompareTo(Month other) => Key.CompareTo(other.Key);
    public override string ToString() => $"{Year:D4}-{Number:D2}";

    public static bool TryParse(string? s, out Month month)
    {
        month = default;
        if (s is null || s.Length != 7 || s[4] != '-' || !int.TryParse(s[..4], out var y) || !int.TryParse(s[5..], out var m) || m is < 1 or > 12 || y < 2000) return false;
        month = new Month(y, m);
        return true;
    }
}
