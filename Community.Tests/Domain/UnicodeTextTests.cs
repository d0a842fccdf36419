using Community.Domain;
using Community.Domain.Threads;

namespace Community.Tests.Domain;

public class UnicodeTextTests
{
    [Theory]
    [InlineData("a\uFFFEb", "a b")]
    [InlineData("a\uFFFFb", "a b")]
    [InlineData("a\uFDD0b", "a b")]
    [InlineData("Router 📶 ok", "Router 📶 ok")]
    [InlineData("plain", "plain")]
    public void Non_characters_and_lone_surrogates_become_spaces_and_real_characters_stay(string input, string expected) =>
        Assert.Equal(expected, UnicodeText.Clean(input));

    [Fact]
    public void Lone_surrogates_become_spaces()
    {
        // Built in code: an attribute cannot carry a lone surrogate (the compiler replaces it).
        Assert.Equal("a b", UnicodeText.Clean("a" + (char)0xD800 + "b"));
        Assert.Equal("a ", UnicodeText.Clean("a" + (char)0xDC00));
        Assert.Equal("  x", UnicodeText.Clean(new string([(char)0xDC00, (char)0xD800, 'x'])));
    }

    [Fact]
    public void Composed_text_joins_a_letter_and_its_combining_mark() => Assert.Equal("Über", UnicodeText.Composed("U\u0308ber\uFFFE").TrimEnd());

    [Fact]
    public void A_slug_of_a_title_with_a_non_character_is_made_instead_of_failing() => Assert.Equal("wlan-geht-nicht", Slug.From("WLAN \uFFFE geht nicht"));
}
