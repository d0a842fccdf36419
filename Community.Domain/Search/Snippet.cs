namespace Community.Domain.Search;

/// <summary>
/// The part of a text that shows why a thread was found: the window of <see cref="Words"/> words with the most
/// matching words, and which spans to mark. Plain text in, plain spans out; the web layer encodes them.
/// </summary>
public sealed record Snippet(IReadOnlyList<Snippet.Span> Spans, bool CutBefore, bool CutAfter)
{
    public const int Words = 30;

    public sealed record Span(string Text, bool IsMatch);

    public bool HasMatch => Spans.Any(s => s.IsMatch);

    /// <summary>The whole text (a title) with its matches marked.</summary>
    public static Snippet Marked(string text, SearchQuery query)
    {
        var (prepared, all, matches) = Read(text, query);
        return new Snippet(SpansOf(prepared, all, matches, 0, all.Count, 0, prepared.Length), false, false);
    }

    public static Snippet Of(string text, SearchQuery query, int words = Words)
    {
        words = Math.Max(1, words);
        var (prepared, all, matches) = Read(text, query);
        if (all.Count == 0) return new Snippet([], false, false);

        // The window start with the most matches (the first such window).
        int bestStart = 0, bestCount = -1, count = 0;
        for (var i = 0; i < all.Count; i++)
        {
            if (matches[i]) count++;
            if (i >= words && matches[i - words]) count--;
            var start = Math.Max(0, i - words + 1);
            if (count > bestCount) (bestCount, bestStart) = (count, start);
        }
        if (bestCount == 0) bestStart = 0;
        var end = Math.Min(all.Count, bestStart + words);
        // Start a little before the first match, so the window does not open on it mid-sentence.
        var first = Array.FindIndex(matches, bestStart, end - bestStart, m => m);
        if (first > bestStart + 3) { var shift = first - bestStart - 3; bestStart += shift; end = Math.Min(all.Count, end + shift); }

        var stop = all[end - 1].Index + all[end - 1].Word.Length;
        return new Snippet(SpansOf(prepared, all, matches, bestStart, end, all[bestStart].Index, stop), bestStart > 0, end < all.Count);
    }

    /// <summary>The text as words are read from it, its words, and which of them match the query.</summary>
    private static (string Text, List<(int Index, string Word)> Words, bool[] Matches) Read(string text, SearchQuery query)
    {
        var prepared = SearchText.Prepare(text);
        var stems = query.AllStems();
        var all = SearchText.Words(prepared).ToList();
        return (prepared, all, all.Select(w => SearchText.Matches(w.Word, stems, query.TypedPrefix)).ToArray());
    }

    /// <summary>The characters from <paramref name="from"/> to <paramref name="stop"/> as plain and marked spans, for words first to end.</summary>
    private static List<Span> SpansOf(string text, List<(int Index, string Word)> all, bool[] matches, int first, int end, int from, int stop)
    {
        var spans = new List<Span>();
        for (var i = first; i < end; i++)
        {
            if (!matches[i]) continue;
            var (index, word) = all[i];
            if (index > from) spans.Add(new Span(text[from..index], false));
            spans.Add(new Span(word, true));
            from = index + word.Length;
        }
        if (stop > from) spans.Add(new Span(text[from..stop], false));
        return spans;
    }
}
