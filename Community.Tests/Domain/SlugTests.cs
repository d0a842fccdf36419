using Community.Domain.Threads;

namespace Community.Tests.Domain;

public class SlugTests
{
    [Theory]
    [InlineData("Wie ändere ich mein WLAN-Passwort?", "wie-aendere-ich-mein-wlan-passwort")]
    [InlineData("iPhone 16 Pro: Akku leer!!", "iphone-16-pro-akku-leer")]
    [InlineData("  Straße & Größe  ", "strasse-groesse")]
    [InlineData("Café crème", "cafe-creme")]
    [InlineData("<script>alert(1)</script>", "script-alert-1-script")]
    [InlineData("???", "thread")]
    [InlineData("", "thread")]
    [InlineData("Ελληνικά", "thread")]
    public void Titles_become_readable_url_slugs(string title, string expected) => Assert.Equal(expected, Slug.From(title));

    [Fact]
    public void Long_titles_are_cut_without_a_trailing_dash()
    {
        var slug = Slug.From(string.Join(' ', Enumerable.Repeat("abcdefghi", 20)));
        Assert.True(slug.Length <= Slug.MaxLength);
        Assert.False(slug.EndsWith('-'));
    }
}
