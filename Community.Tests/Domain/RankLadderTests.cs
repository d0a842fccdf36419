using Community.Domain;
using Community.Domain.Ranks;

namespace Community.Tests.Domain;

public class RankLadderTests
{
    private static readonly RankLadder Ladder = new(new RankOptions());

    [Theory]
    [InlineData(-20, "Newcomer", "Neuling")]
    [InlineData(0, "Newcomer", "Neuling")]
    [InlineData(49, "Newcomer", "Neuling")]
    [InlineData(50, "Member", "Mitglied")]
    [InlineData(250, "Connoisseur", "Kenner")]
    [InlineData(999, "Connoisseur", "Kenner")]
    [InlineData(1000, "Expert", "Experte")]
    [InlineData(5000, "Superuser", "Superuser")]
    [InlineData(1_000_000, "Superuser", "Superuser")]
    public void Reputation_maps_to_a_rank_in_english_and_german(int reputation, string name, string nameDe)
    {
        var rank = Ladder.RankFor(reputation);
        Assert.Equal((name, nameDe), (rank.Name, rank.NameDe));
    }

    [Theory]
    [InlineData(Privilege.GiveKudos, 0, false, true)]
    [InlineData(Privilege.FlagPosts, 49, false, false)]
    [InlineData(Privilege.FlagPosts, 50, false, true)]
    [InlineData(Privilege.SeeUnansweredQueue, 249, false, false)]
    [InlineData(Privilege.SeeUnansweredQueue, 250, false, true)]
    [InlineData(Privilege.EditOthersPosts, 999, false, false)]
    [InlineData(Privilege.EditOthersPosts, 1000, false, true)]
    [InlineData(Privilege.EditOthersPosts, 0, true, true)]
    public void Privileges_follow_reputation_and_moderators_have_them_all(Privilege privilege, int reputation, bool isModerator, bool expected)
    {
        Assert.Equal(expected, Ladder.Has(reputation, isModerator, privilege));
        if (!expected)
        {
            var e = Assert.Throws<ForbiddenException>(() => Ladder.Ensure(reputation, isModerator, privilege));
            Assert.Contains($"you have {reputation}", e.Message);
        }
    }

    [Fact]
    public void Dropping_below_a_threshold_loses_the_privilege()
    {
        Assert.True(Ladder.Has(1000, false, Privilege.EditOthersPosts));
        Assert.False(Ladder.Has(1000 - 50, false, Privilege.EditOthersPosts));
    }

    [Fact]
    public void The_next_rank_is_named_until_the_top()
    {
        Assert.Equal("Member", Ladder.NextRank(10)!.Name);
        Assert.Null(Ladder.NextRank(5000));
    }

    [Fact]
    public void A_configured_ladder_must_start_at_zero() =>
        Assert.Throws<ArgumentException>(() => new RankLadder(new RankOptions { Ladder = [new Rank(10, "A", "A")] }));
}
