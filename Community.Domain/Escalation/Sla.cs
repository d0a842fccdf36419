namespace Community.Domain.Escalation;

/// <summary>How fast a thread should be answered and solved.</summary>
public sealed record SlaPolicy(TimeSpan FirstAnswerWithin, TimeSpan SolutionWithin);

/// <summary>A hub's own targets; a missing value is inherited from the parent hub, then from the defaults.</summary>
public sealed record SlaTargets(double? FirstAnswerHours = null, double? SolutionDays = null);

public sealed record SlaState(DateTimeOffset FirstAnswerDue, DateTimeOffset SolutionDue, bool IsFirstAnswerBreached, bool IsSolutionBreached, bool IsAnswered)
{
    public bool IsBreached => IsFirstAnswerBreached || IsSolutionBreached;
}

/// <summary>The per-hub SLA, inherited down the hub tree (a target set on "Smartphones" holds for "iPhone 16" unless it has its own).</summary>
public sealed class SlaBook(SlaPolicy defaults, IReadOnlyDictionary<string, SlaTargets> byHubSlug)
{
    public SlaPolicy Defaults { get; } = defaults;

    /// <param name="hubs">Every hub: id → (parent id, slug).</param>
    public SlaPolicy For(int hubId, IReadOnlyDictionary<int, (int? ParentId, string Slug)> hubs)
    {
        double? firstHours = null, solutionDays = null;
        var seen = new HashSet<int>();
        for (int? h = hubId; h is { } id && seen.Add(id) && hubs.TryGetValue(id, out var hub); h = hub.ParentId)
        {
            if (!byHubSlug.TryGetValue(hub.Slug, out var t)) continue;
            firstHours ??= t.FirstAnswerHours;
            solutionDays ??= t.SolutionDays;
        }
        return new SlaPolicy(
            firstHours is { } fh ? TimeSpan.FromHours(fh) : Defaults.FirstAnswerWithin,
            solutionDays is { } sd ? TimeSpan.FromDays(sd) : Defaults.SolutionWithin);
    }

    /// <summary>A late first answer stays a breach of the first-answer target; an unsolved thread breaches once its solution time is up.</summary>
    public static SlaState Evaluate(DateTimeOffset askedAt, DateTimeOffset? firstAnswerAt, bool isSolved, DateTimeOffset now, SlaPolicy policy)
    {
        var firstDue = askedAt + policy.FirstAnswerWithin;
        var solutionDue = askedAt + policy.SolutionWithin;
        var firstBreached = firstAnswerAt is { } answered ? answered > firstDue : now > firstDue;
        return new SlaState(firstDue, solutionDue, firstBreached, !isSolved && now > solutionDue, firstAnswerAt is not null);
    }

    /// <summary>
    /// The queue's order: unanswered threads past their first-answer time first (a customer is waiting for anyone),
    /// then threads past their solution time, then the rest; oldest first within each group.
    /// </summary>
    public static IEnumerable<T> Order<T>(IEnumerable<T> items, Func<T, SlaState> state, Func<T, DateTimeOffset> askedAt) =>
        items.OrderBy(i => state(i) switch
            {
                { IsAnswered: false, IsFirstAnswerBreached: true } => 0,
                { IsSolutionBreached: true } => 1,
                _ => 2,
            })
            .ThenBy(askedAt);
}
