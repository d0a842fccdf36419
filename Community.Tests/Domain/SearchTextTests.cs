using Community.Domain.Search;
using Community.Domain.Threads;

namespace Community.Tests.Domain;

public class SearchTextTests
{
    [Theory]
    [InlineData("Rechnungen", "Rechnung")]
    [InlineData("Verträge", "Vertrag")]
    [InlineData("routers", "router")]
    [InlineData("passwords", "password")]
    [InlineData("Überweisung", "uberweisung")]
    [InlineData("Einstellungen", "Einstellung")]
    public void Inflected_forms_share_a_stem(string a, string b)
    {
        var (deA, enA) = SearchText.Stems(a);
        var (deB, enB) = SearchText.Stems(b);
        Assert.NotEmpty(new[] { deA, enA }.Intersect(new[] { deB, enB }).OfType<string>());
    }

    [Fact]
    public void Different_words_do_not_share_a_stem()
    {
        var (de, en) = SearchText.Stems("Rechnung");
        var (de2, en2) = SearchText.Stems("Router");
        Assert.Empty(new[] { de, en }.Intersect(new[] { de2, en2 }).OfType<string>());
    }

    [Fact]
    public void Folding_removes_case_and_diacritics() => Assert.Equal("strasse uber cafe", string.Join(' ', "Straße Über Café".Split(' ').Select(SearchText.Fold)));

    [Theory]
    [InlineData("iphnoe", "iphone", 1)]
    [InlineData("routre", "router", 1)]
    [InlineData("rechnugn", "rechnung", 1)]
    [InlineData("glasfasr", "glasfaser", 1)]
    [InlineData("abc", "xyz", 3)]
    public void Edit_distance_counts_a_swap_as_one_edit(string a, string b, int distance) => Assert.Equal(distance, Spelling.Distance(a, b));

    [Fact]
    public void The_closest_known_word_wins_and_then_the_commonest()
    {
        Assert.Equal("iphone", Spelling.Closest("iphnoe", [("iphone", 5), ("iphones", 50), ("phone", 100)]));
        Assert.Equal("modem", Spelling.Closest("modm", [("moden", 1), ("modem", 9)]));
        Assert.Null(Spelling.Closest("xyzzy", [("router", 9)]));
        // A short word allows only one edit: "ab" is not "ba" plus another change.
        Assert.Null(Spelling.Closest("tvb", [("abc", 9)]));
    }

    [Fact]
    public void A_snippet_marks_inflected_forms_around_the_match()
    {
        var text = string.Join(' ', Enumerable.Range(0, 60).Select(i => "wort" + i)) + " Die Rechnungen kommen doppelt. " + string.Join(' ', Enumerable.Range(0, 60).Select(i => "ende" + i));
        var snippet = Snippet.Of(text, SearchQuery.Parse("Rechnung"));
        Assert.True(snippet.CutBefore);
        Assert.True(snippet.CutAfter);
        Assert.Equal(["Rechnungen"], snippet.Spans.Where(s => s.IsMatch).Select(s => s.Text));
        Assert.Contains("Die ", string.Concat(snippet.Spans.Select(s => s.Text)));
    }

    [Fact]
    public void A_snippet_without_a_match_is_the_start_of_the_text()
    {
        var snippet = Snippet.Of("Hallo zusammen, mein Modem blinkt.", SearchQuery.Parse("router"));
        Assert.False(snippet.HasMatch);
        Assert.False(snippet.CutBefore);
        Assert.Equal("Hallo zusammen, mein Modem blinkt", string.Concat(snippet.Spans.Select(s => s.Text)));
    }

    [Fact]
    public void A_document_keeps_the_solution_first_and_caps_the_answers()
    {
        var now = DateTimeOffset.UnixEpoch;
        var answers = Enumerable.Range(0, 100).Select(i => new SearchDocument.AnswerText($"antwort{i} " + new string('x', 2_000), false, 0, now.AddMinutes(i))).ToList();
        answers.Add(new SearchDocument.AnswerText("loesungswort", true, 0, now.AddDays(1)));
        var doc = SearchDocument.Build(7, ThreadStatus.Solved, "Titel", "wlan iphone-16", "Frage", answers);

        Assert.StartsWith(SearchText.ToIndexed("loesungswort"), doc.Answers);
        Assert.Contains(SearchText.ToIndexed("antwort0"), doc.Answers);
        Assert.DoesNotContain(SearchText.ToIndexed("antwort20"), doc.Answers);
        Assert.Equal("hub_7 status_solved tag_wlan tag_iphone_16", doc.Facets);
    }
}
