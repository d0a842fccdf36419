using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Community.Web.Infrastructure.Localization;

/// <summary>
/// A count with its noun in the reader's language: "1 solution", "3 solutions", "1 Lösung", "3 Lösungen". Both
/// languages have a singular for exactly one and a plural otherwise; each form is its own resource key.
/// </summary>
public static class Plurals
{
    public static string Count(this IStringLocalizer localizer, long count, string one, string other) =>
        localizer[count == 1 ? one : other, count.ToString("N0", CultureInfo.CurrentCulture)];

    /// <summary>"12 points, 1 solution" (the separator as written).</summary>
    public static string PointsAndSolutions(this IStringLocalizer localizer, long points, long solutions, string separator = ", ") =>
        localizer.Count(points, "{0} point", "{0} points") + separator + localizer.Count(solutions, "{0} solution", "{0} solutions");
}
