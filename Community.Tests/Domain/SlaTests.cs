using Community.Domain.Escalation;

namespace Community.Tests.Domain;

public class SlaTests
{
    private static readonly DateTimeOffset Asked = new(2026, 10, 24, 22, 0, 0, TimeSpan.Zero);
    private static readonly SlaPolicy Day = new(TimeSpan.FromHours(24), TimeSpan.FromDays(7));

    // Smartphones (1) > Apple (2) > iPhone 16 (3); Contracts (4).
    private static readonly Dictionary<int, (int? ParentId, string Slug)> Hubs = new()
    {
        [1] = (null, "smartphones"), [2] = (1, "apple"), [3] = (2, "iphone-16"), [4] = (null, "contracts"),
    };

    [Theory]
    [InlineData(3, 4.0, 3.0)]   // own first-answer target, solution inherited from Smartphones
    [InlineData(2, 12.0, 3.0)]  // both inherited from Smartphones
    [InlineData(4, 24.0, 7.0)]  // nothing set: the defaults
    [InlineData(99, 24.0, 7.0)] // unknown hub: the defaults
    public void Targets_are_inherited_down_the_hub_tree(int hub, double firstHours, double solutionDays)
    {
        var book = new SlaBook(Day, new Dictionary<string, SlaTargets>
        {
            ["smartphones"] = new(12, 3),
            ["iphone-16"] = new(4, null),
        });
        Assert.Equal(new SlaPolicy(TimeSpan.FromHours(firstHours), TimeSpan.FromDays(solutionDays)), book.For(hub, Hubs));
    }

    [Theory]
    [InlineData(null, false, 23.0, false, false)] // not yet due
    [InlineData(null, false, 25.0, true, false)]  // nobody answered in 24 h
    [InlineData(2.0, false, 25.0, false, false)]  // answered in time
    [InlineData(30.0, false, 31.0, true, false)]  // answered, but late: stays a first-answer breach
    [InlineData(2.0, false, 24 * 8.0, false, true)] // open for 8 days
    [InlineData(2.0, true, 24 * 8.0, false, false)] // solved: no solution breach
    public void Breaches_are_computed_from_the_ask_time(double? answeredAfterHours, bool solved, double nowAfterHours, bool firstBreached, bool solutionBreached)
    {
        var state = SlaBook.Evaluate(Asked, answeredAfterHours is { } h ? Asked.AddHours(h) : null, solved, Asked.AddHours(nowAfterHours), Day);
        Assert.Equal((firstBreached, solutionBreached), (state.IsFirstAnswerBreached, state.IsSolutionBreached));
    }

    [Fact]
    public void The_queue_shows_unanswered_overdue_threads_first_then_overdue_solutions_then_by_age()
    {
        var now = Asked.AddDays(10);
        var threads = new (string Name, DateTimeOffset Asked, DateTimeOffset? Answered)[]
        {
            ("fresh", now.AddHours(-1), null),
            ("old answered", now.AddDays(-9), now.AddDays(-9).AddHours(1)),
            ("waiting 2 days", now.AddDays(-2), null),
            ("waiting 3 days", now.AddDays(-3), null),
            ("answered recently", now.AddDays(-1), now.AddHours(-2)),
        };
        var ordered = SlaBook.Order(threads, t => SlaBook.Evaluate(t.Asked, t.Answered, false, now, Day), t => t.Asked).Select(t => t.Name);
        Assert.Equal(["waiting 3 days", "waiting 2 days", "old answered", "answered recently", "fresh"], ordered);
    }
}
