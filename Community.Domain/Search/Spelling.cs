namespace Community.Domain.Search;

/// <summary>
/// "Did you mean": the known word closest to a term nobody wrote, by edit distance with transpositions
/// ("iphnoe" is one swap and one edit from "iphone"). Short words allow one edit, longer ones two; among equally
/// close words the one in the most threads wins.
/// </summary>
public static class Spelling
{
    public static int MaxEditsFor(string term) => term.Length <= 4 ? 1 : 2;

    /// <summary>The words of a title and its tags that a correction may offer: folded, each once, 3 to 100 letters, starting with a letter.</summary>
    public static IEnumerable<string> OfferableWords(string titleAndTags) =>
        SearchText.Words(SearchText.Prepare(titleAndTags)).Select(w => SearchText.Fold(w.Word))
            .Where(w => w.Length is >= 3 and <= 100 && char.IsLetter(w[0])).Distinct();

    public static string? Closest(string term, IEnumerable<(string Word, int Threads)> known)
    {
        var max = MaxEditsFor(term);
        string? best = null;
        int bestDistance = int.MaxValue, bestThreads = -1;
        foreach (var (word, threads) in known)
        {
            if (word == term || Math.Abs(word.Length - term.Length) > max) continue;
            var d = Distance(term, word, max);
            if (d > max) continue;
            if (d < bestDistance || (d == bestDistance && threads > bestThreads))
                (best, bestDistance, bestThreads) = (word, d, threads);
        }
        return best;
    }

    /// <summary>Optimal string alignment distance (insert, delete, substitute, swap neighbours), or max + 1 once it exceeds max.</summary>
    public static int Distance(string a, string b, int max = int.MaxValue)
    {
        var prev2 = new int[b.Length + 1];
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) prev[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            var rowMin = cur[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var v = Math.Min(Math.Min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) v = Math.Min(v, prev2[j - 2] + 1);
                cur[j] = v;
                rowMin = Math.Min(rowMin, v);
            }
            if (rowMin > max) return max == int.MaxValue ? rowMin : max + 1;
            (prev2, prev, cur) = (prev, cur, prev2);
        }
        return Math.Min(prev[b.Length], max == int.MaxValue ? int.MaxValue : max + 1);
    }
}
