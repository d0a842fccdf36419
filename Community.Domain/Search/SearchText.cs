using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace Community.Domain.Search;

/// <summary>
/// How text becomes search terms. A community writes German and English side by side and a post does not say which,
/// so every word is stemmed by both Snowball stemmers (German2, Porter2 English) and both stems are indexed:
/// "Rechnungen" and "Rechnung" share "rechnung", "routers" and "router" share "router". Stems are folded afterwards
/// (lower case, no diacritics, ß as ss), so "Überweisung" and "uberweisung" meet.
/// </summary>
public static partial class SearchText
{
    [ThreadStatic] private static German2Stemmer? german;
    [ThreadStatic] private static EnglishStemmer? english;

    /// <summary>The text as words are read from it: non-characters removed, composed (so a decomposed "Ü" is one letter).</summary>
    public static string Prepare(string text) => UnicodeText.Composed(text);

    /// <summary>The words of a <see cref="Prepare"/>d text with where they start: letters and digits, as a person reads them.</summary>
    public static IEnumerable<(int Index, string Word)> Words(string prepared)
    {
        foreach (Match m in WordPattern().Matches(prepared)) yield return (m.Index, m.Value);
    }

    /// <summary>Lower case without diacritics: the form words are compared in.</summary>
    public static string Fold(string word)
    {
        var lower = UnicodeText.Clean(word).ToLowerInvariant();
        var ascii = true;
        foreach (var c in lower)
            if (c > 127) { ascii = false; break; }
        if (ascii) return lower;
        var sb = new StringBuilder(lower.Length);
        foreach (var c in lower.Replace("ß", "ss").Normalize(NormalizationForm.FormD))
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) sb.Append(c);
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// The word's German and English stems; one entry when they agree. The word is folded first, as a typed query
    /// is, so "Résumés" in a post and "resumes" in the search box meet. Numbers stay as they are.
    /// </summary>
    public static (string German, string? English) Stems(string word)
    {
        var lower = Fold(word);
        if (lower.Length < 3 || !char.IsLetter(lower[0])) return (lower, null);
        german ??= new German2Stemmer();
        english ??= new EnglishStemmer();
        german.SetCurrent(lower);
        german.Stem();
        english.SetCurrent(lower);
        english.Stem();
        var de = german.Current;
        var en = english.Current;
        return (de, en == de ? null : en);
    }

    /// <summary>Whether this word of a text is one of the stems (or, for the word being typed, starts with the prefix).</summary>
    public static bool Matches(string word, IReadOnlySet<string> stems, string? prefix)
    {
        // A stem starts with its word's first letter (folded), so most words are ruled out before they are stemmed.
        var first = Fold(word[..1]);
        if (first.Length == 0 || (!stems.Any(s => s.StartsWith(first, StringComparison.Ordinal)) && (prefix is null || !prefix.StartsWith(first, StringComparison.Ordinal))))
            return false;
        var (de, en) = Stems(word);
        return stems.Contains(de) || (en is not null && stems.Contains(en)) || (prefix is not null && Fold(word).StartsWith(prefix, StringComparison.Ordinal));
    }

    /// <summary>A text as the index stores it: each word replaced by its stems, separated by spaces.</summary>
    public static string ToIndexed(string text, int maxChars = int.MaxValue)
    {
        var sb = new StringBuilder(Math.Min(text.Length, maxChars) + 16);
        foreach (var (index, word) in Words(Prepare(text)))
        {
            if (index >= maxChars) break;
            var (de, en) = Stems(word);
            sb.Append(de).Append(' ');
            if (en is not null) sb.Append(en).Append(' ');
        }
        return sb.ToString();
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();
}
