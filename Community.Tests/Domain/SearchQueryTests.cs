using Community.Domain.Search;

namespace Community.Tests.Domain;

public class SearchQueryTests
{
    [Theory]
    [InlineData("wlan passwort", "\"wlan\" \"passwort\"*")]
    [InlineData("\"", "")]
    [InlineData("NEAR(", "\"near\"*")]
    [InlineData("*", "")]
    [InlineData("(akku OR (display", "\"akku\" \"or\" \"display\"*")]
    [InlineData("iPhone-16 Akku", "\"iphone\" \"16\" \"akku\"*")]
    [InlineData("Größe", "\"größe\"*")]
    [InlineData("a b", "\"a\" \"b\"")]
    [InlineData("col:umn^ -x", "\"col\" \"umn\" \"x\"")]
    public void User_text_becomes_quoted_terms_only(string input, string expected) =>
        Assert.Equal(expected, SearchQuery.Parse(input).ToFtsMatch());

    [Fact]
    public void Similar_question_lookups_accept_any_term_as_a_prefix() =>
        Assert.Equal("\"fernbedienung\"* OR \"koppeln\"* OR \"tv\"", SearchQuery.Parse("Fernbedienung koppeln TV").ToFtsMatch(anyTerm: true));

    [Fact]
    public void Terms_are_capped()
    {
        var q = SearchQuery.Parse(string.Join(' ', Enumerable.Range(0, 50).Select(i => $"w{i}")));
        Assert.Equal(SearchQuery.MaxTerms, q.Terms.Count);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("\"*()")]
    public void Input_without_words_is_empty(string? input) => Assert.True(SearchQuery.Parse(input).IsEmpty);
}
