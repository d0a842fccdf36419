using Community.Domain.Reputation;

namespace Community.Tests.Domain;

public class HeroOfTheMonthTests
{
    private static readonly CommunityCalendar Vienna = CommunityCalendar.For("Europe/Vienna");
    private static readonly DateTimeOffset T0 = new(2026, 10, 10, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, HeroCandidate[], string?> Elections => new()
    {
        { "most points wins", [new("a", 100, 0, T0), new("b", 120, 0, T0.AddDays(5))], "b" },
        { "tie on points: more solutions", [new("a", 100, 1, T0), new("b", 100, 3, T0.AddDays(5))], "b" },
        { "tie on both: reached first", [new("a", 100, 2, T0.AddHours(2)), new("b", 100, 2, T0.AddHours(1))], "b" },
        { "complete tie: stable by id", [new("b", 50, 0, T0), new("a", 50, 0, T0)], "a" },
        { "nobody with points", [new("a", 0, 0, T0), new("b", -10, 0, T0)], null },
        { "no candidates", [], null },
    };

    [Theory]
    [MemberData(nameof(Elections))]
    public void The_hero_is_chosen_by_points_then_solutions_then_who_got_there_first(string rule, HeroCandidate[] candidates, string? expected) =>
        Assert.True(expected == HeroOfTheMonthElection.Choose(candidates)?.UserId, rule);

    [Fact]
    public void Reaching_the_total_counts_the_last_time_it_was_reached_for_good()
    {
        var entries = new[] { (T0, 10), (T0.AddHours(1), 10), (T0.AddHours(2), -10), (T0.AddHours(3), 10) };
        Assert.Equal(T0.AddHours(3), HeroOfTheMonthElection.ReachedTotalAt(entries, 20));
        Assert.Equal(T0.AddHours(1), HeroOfTheMonthElection.ReachedTotalAt(entries.Take(2), 20));
    }

    [Theory]
    // October ends at midnight Vienna time, which is 23:00 UTC after the clocks went back on 25 October.
    [InlineData(2026, 10, "2026-10-31T22:59:59Z", false)]
    [InlineData(2026, 10, "2026-10-31T23:00:00Z", true)]
    // March ends after the clocks went forward on 29 March: midnight is 22:00 UTC.
    [InlineData(2026, 3, "2026-03-31T21:59:59Z", false)]
    [InlineData(2026, 3, "2026-03-31T22:00:00Z", true)]
    // December ends the year.
    [InlineData(2026, 12, "2026-12-31T22:59:00Z", false)]
    [InlineData(2026, 12, "2026-12-31T23:00:00Z", true)]
    [InlineData(2026, 9, "2026-11-15T00:00:00Z", true)]
    public void A_month_is_over_at_midnight_in_the_communitys_time_zone(int year, int month, string now, bool over) =>
        Assert.Equal(over, HeroOfTheMonthElection.IsOver(new Month(year, month), DateTimeOffset.Parse(now), Vienna));

    [Theory]
    [InlineData("2026-10-31T22:30:00Z", 20261031)]
    [InlineData("2026-10-31T23:30:00Z", 20261101)]
    [InlineData("2026-03-28T23:30:00Z", 20260329)]
    [InlineData("2026-03-29T21:59:00Z", 20260329)]
    [InlineData("2026-03-29T22:00:00Z", 20260330)]
    [InlineData("2026-12-31T23:00:00Z", 20270101)]
    public void Days_are_counted_in_the_communitys_time_zone(string at, int expectedDay) =>
        Assert.Equal(expectedDay, Vienna.DayKey(DateTimeOffset.Parse(at)));

    [Fact]
    public void The_day_starts_at_local_midnight_on_dst_days()
    {
        Assert.Equal(DateTimeOffset.Parse("2026-03-28T23:00:00Z"), Vienna.StartOf(new DateOnly(2026, 3, 29)));
        Assert.Equal(DateTimeOffset.Parse("2026-03-29T22:00:00Z"), Vienna.StartOf(new DateOnly(2026, 3, 30)));
        Assert.Equal(DateTimeOffset.Parse("2026-10-24T22:00:00Z"), Vienna.StartOf(new DateOnly(2026, 10, 25)));
        Assert.Equal(DateTimeOffset.Parse("2026-10-25T23:00:00Z"), Vienna.StartOf(new DateOnly(2026, 10, 26)));
    }

    [Theory]
    [InlineData("2026-10", true, 2026, 10)]
    [InlineData("2026-13", false, 0, 0)]
    [InlineData("26-10", false, 0, 0)]
    [InlineData("2026/10", false, 0, 0)]
    public void Months_parse_from_yyyy_mm(string text, bool ok, int year, int number)
    {
        Assert.Equal(ok, Month.TryParse(text, out var m));
        if (ok) Assert.Equal(new Month(year, number), m);
    }

    [Fact]
    public void Badges_are_earned_at_1_10_and_100_solutions()
    {
        Assert.Empty(Badges.ForSolutions(0));
        Assert.Equal(["first-solution"], Badges.ForSolutions(1).Select(b => b.Key));
        Assert.Equal(["first-solution", "solutions-10"], Badges.ForSolutions(10).Select(b => b.Key));
        Assert.Equal(["first-solution", "solutions-10", "solutions-100"], Badges.ForSolutions(100).Select(b => b.Key));
        Assert.Equal("hero-2026-10", Badges.Hero(new Month(2026, 10)).Key);
    }
}
