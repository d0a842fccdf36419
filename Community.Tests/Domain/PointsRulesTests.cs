using Community.Domain;
using Community.Domain.Reputation;
using Community.Domain.Threads;

namespace Community.Tests.Domain;

public class PointsRulesTests
{
    private static readonly PointsRules Rules = new(new ReputationOptions());
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static Post PostBy(string author, bool isQuestion) => Post.Write(1, author, isQuestion, "x", "x", "x", Now);

    [Theory]
    [InlineData(false, 0, 1, 10)]
    [InlineData(true, 0, 1, 5)]
    [InlineData(false, 190, 1, 10)]
    [InlineData(false, 195, 1, 5)]
    [InlineData(false, 200, 1, 0)]
    [InlineData(false, 250, 1, 0)]
    [InlineData(false, -30, 1, 10)]
    [InlineData(false, 0, 5, 10)]
    [InlineData(false, 0, 6, 0)]
    public void Kudos_earn_points_up_to_the_daily_cap_and_not_from_serial_voting(bool isQuestion, int earnedToday, int votesIn24h, int expected)
    {
        var outcome = Rules.ForKudos(PostBy("author", isQuestion), "voter", earnedToday, votesIn24h);
        Assert.Equal(expected, outcome.Booking?.Points ?? 0);
        Assert.Equal(votesIn24h > 5, outcome.IsSerialVoting);
        if (outcome.Booking is { } b)
        {
            Assert.Equal("author", b.UserId);
            Assert.Equal("voter", b.SourceUserId);
            Assert.Equal(PointsReason.KudosReceived, b.Reason);
        }
    }

    [Fact]
    public void Kudos_on_ones_own_post_earn_nothing_because_they_are_refused() =>
        Assert.Throws<DomainException>(() => Rules.ForKudos(PostBy("me", false), "me", 0, 1));

    [Fact]
    public void An_accepted_answer_earns_the_answerer_15_and_the_asker_2()
    {
        var thread = ForumThread.Start(1, "A question title", [], "asker", Now);
        var bookings = Rules.ForSolution(thread, PostBy("helper", false));
        Assert.Equal([("helper", 15, PointsReason.SolutionAccepted), ("asker", 2, PointsReason.AskerAccepted)],
            bookings.Select(b => (b.UserId, b.Points, b.Reason)));
    }

    [Fact]
    public void Accepting_ones_own_answer_earns_nothing()
    {
        var thread = ForumThread.Start(1, "A question title", [], "asker", Now);
        Assert.Empty(Rules.ForSolution(thread, PostBy("asker", false)));
    }

    [Fact]
    public void Configured_points_are_used()
    {
        var rules = new PointsRules(new ReputationOptions { KudosOnAnswer = 7, DailyKudosCap = 20, SerialVotingLimit = 2 });
        Assert.Equal(7, rules.ForKudos(PostBy("a", false), "v", 0, 1).Booking!.Points);
        Assert.Equal(6, rules.ForKudos(PostBy("a", false), "v", 14, 1).Booking!.Points);
        Assert.True(rules.ForKudos(PostBy("a", false), "v", 0, 3).IsSerialVoting);
    }
}
