using Community.Domain.Search;
using Community.Domain.Threads;

namespace Community.Tests.Domain;

public class SearchQueryTests
{
    [Theory]
    [InlineData("wlan passwort", "((\"wlan\") AND (\"passwort\"))")]
    [InlineData("NEAR(", "((\"near\"))")]
    [InlineData("(akku OR (display", "((\"akku\") AND (\"or\") AND (\"display\"))")]
    [InlineData("col:umn^ -x", "((\"col\") AND (\"umn\") AND (\"x\"))")]
    [InlineData("Größe", "((\"gross\"))")]
    [InlineData("\"", "")]
    [InlineData("*", "")]
    public void User_text_becomes_quoted_terms_only(string input, string expected) =>
        Assert.Equal(expected, SearchQuery.Parse(input).ToFtsMatch());

    [Fact]
    public void Each_term_is_looked_up_by_its_german_and_english_stem()
    {
        var match = SearchQuery.Parse("Rechnungen routers").ToFtsMatch();
        Assert.Contains("\"rechnung\"", match);
        Assert.Contains("\"router\"", match);
        Assert.DoesNotContain("*", match);
    }

    [Fact]
    public void Similar_question_lookups_accept_any_term_as_a_prefix() =>
        Assert.Equal("{title question answers tags} : ((\"fernbedien\" OR \"fernbedienung\" OR \"fernbedien\"* OR \"fernbedienung\"*) OR (\"koppeln\" OR \"koppeln\"*) OR (\"tv\"))",
            SearchQuery.Parse("Fernbedienung koppeln TV").ToFtsMatch(anyTerm: true));

    [Fact]
    public void Filters_become_facet_terms_of_the_match()
    {
        var match = SearchQuery.Parse("akku").ToFtsMatch(filter: new SearchFilter([3, 4], ThreadStatus.Solved, Tag: "iPhone 16"));
        Assert.EndsWith(" AND facets : (\"hub_3\" OR \"hub_4\") AND facets : \"status_solved\" AND facets : \"tag_iphone_16\"", match);
        Assert.EndsWith(" NOT facets : \"status_solved\"", SearchQuery.Parse("akku").ToFtsMatch(filter: new SearchFilter(Unsolved: true)));
    }

    [Fact]
    public void A_tag_with_quotes_cannot_leave_its_facet_string() =>
        Assert.EndsWith("AND facets : \"tag_a_or_b\"", SearchQuery.Parse("akku").ToFtsMatch(filter: new SearchFilter(Tag: "a\" OR b")));

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
