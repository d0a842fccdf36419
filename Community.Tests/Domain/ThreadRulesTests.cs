using Community.Domain.Threads;

namespace Community.Tests.Domain;

public class ThreadRulesTests
{
    [Theory]
    [InlineData(null, "Enter a title")]
    [InlineData("   ", "Enter a title")]
    [InlineData("Short", "at least 8")]
    [InlineData("A good title here", null)]
    public void Titles_are_checked(string? title, string? expectedMessage)
    {
        var errors = ThreadRules.CheckTitle(title).ToList();
        if (expectedMessage is null) Assert.Empty(errors);
        else Assert.Contains(expectedMessage, Assert.Single(errors).Message.Text);
    }

    [Fact]
    public void A_title_over_the_limit_names_its_length()
    {
        var error = Assert.Single(ThreadRules.CheckTitle(new string('x', ThreadRules.MaxTitleLength + 1)));
        Assert.Equal("Title", error.Field);
        Assert.Contains($"it has {ThreadRules.MaxTitleLength + 1}", error.Message.Text);
    }

    [Theory]
    [InlineData("", "empty post")]
    [InlineData("ok", null)]
    public void Bodies_must_not_be_empty(string body, string? expected)
    {
        var errors = ThreadRules.CheckBody(body).ToList();
        if (expected is null) Assert.Empty(errors);
        else Assert.Contains(expected, Assert.Single(errors).Message.Text);
    }

    [Fact]
    public void A_ten_megabyte_body_is_refused() =>
        Assert.Contains("at most", Assert.Single(ThreadRules.CheckBody(new string('a', 10 * 1024 * 1024))).Message.Text);

    [Theory]
    [InlineData("iPhone 16, Akku", new[] { "iphone", "16", "akku" })]
    [InlineData("iphone-16,akku,akku", new[] { "iphone-16", "akku" })]
    [InlineData("#esim; Dual-SIM", new[] { "esim", "dual-sim" })]
    [InlineData("  ,, ;; ", new string[0])]
    public void Tags_are_normalised_and_deduplicated(string raw, string[] expected) =>
        Assert.Equal(expected, ThreadRules.ParseTags(raw).Tags);

    [Fact]
    public void Too_many_tags_are_refused() =>
        Assert.Contains("at most 5 tags", Assert.Single(ThreadRules.ParseTags("a,b,c,d,e,f").Errors).Message.Text);
}
