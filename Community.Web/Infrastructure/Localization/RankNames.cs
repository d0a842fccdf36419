using System.Globalization;
using Community.Domain.Ranks;

namespace Community.Web.Infrastructure.Localization;

/// <summary>The rank ladder is configured with an English and a German name per rank (Ranks:Ladder); this picks one.</summary>
public static class RankNames
{
    public static string DisplayName(this Rank rank) =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "de" ? rank.NameDe : rank.Name;
}
