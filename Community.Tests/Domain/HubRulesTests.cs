using Community.Domain.Threads;

namespace Community.Tests.Domain;

public class HubRulesTests
{
    // Smartphones (1) > Apple (2) > iPhone 16 (3); Contracts (5).
    private static readonly (int Id, int? ParentId)[] Hubs = [(1, null), (2, 1), (3, 2), (5, null)];

    [Theory]
    [InlineData("iphone-16", null)]
    [InlineData("5g", null)]
    [InlineData("", "Enter the hub's address")]
    [InlineData("x", "2 to 60 characters")]
    [InlineData("iPhone-16", "lower-case letters")]
    [InlineData("iphone--16", "single hyphens")]
    [InlineData("-iphone", "single hyphens")]
    [InlineData("wlan box", "lower-case letters")]
    [InlineData("über", "lower-case letters")]
    public void An_address_is_lower_case_letters_digits_and_single_hyphens(string slug, string? problem)
    {
        var refusal = HubRules.SlugProblem(slug);
        if (problem is null) Assert.Null(refusal);
        else Assert.Contains(problem, refusal!.Text);
    }

    [Fact]
    public void The_address_is_only_checked_for_a_new_hub_and_the_English_name_is_required()
    {
        Assert.Equal(["Slug", "Name"], HubRules.Check("", isNew: true, " ", null, null, null, 0).Select(e => e.Field));
        // Nothing left once cleaned is no name either.
        Assert.Equal(["Name"], HubRules.Check(null, isNew: false, "\0\0", null, null, null, 0).Select(e => e.Field));
        Assert.Empty(HubRules.Check(null, isNew: false, "WLAN", null, null, null, 0));
        Assert.Equal(["NameDe", "DescriptionDe", "SortOrder"],
            HubRules.Check("wlan", isNew: true, "WLAN", "", new string('x', 81), new string('y', 301), 10_001).Select(e => e.Field));
    }

    [Theory]
    [InlineData(3, 5, null)]
    [InlineData(null, 3, null)]
    [InlineData(2, null, null)]
    [InlineData(2, 2, "inside itself")]
    [InlineData(1, 3, "inside itself")]
    [InlineData(null, 99, "does not exist")]
    public void A_hub_moves_anywhere_but_into_itself_or_below_itself(int? hub, int? parent, string? problem)
    {
        var refusal = HubRules.ParentProblem(hub, parent, Hubs);
        if (problem is null) Assert.Null(refusal);
        else Assert.Contains(problem, refusal!.Text);
    }

    [Fact]
    public void Texts_are_cleaned_and_an_empty_German_text_falls_back()
    {
        Assert.Null(HubRules.Tidy("  "));
        Assert.Equal("WLAN\u00a0Box", HubRules.Tidy("  WLAN\u00a0Box\0 "));
        Assert.Equal("WLAN", HubText.In("de", "WLAN", HubRules.Tidy("")));
    }
}
