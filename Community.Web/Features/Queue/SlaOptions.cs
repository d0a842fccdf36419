using Community.Domain.Escalation;

namespace Community.Web.Features.Queue;

/// <summary>The "Sla" section: default targets and per-hub ones (by slug), inherited down the hub tree.</summary>
public sealed record SlaOptions
{
    public double FirstAnswerHours { get; init; } = 24;
    public double SolutionDays { get; init; } = 7;
    public Dictionary<string, SlaTargets> Hubs { get; init; } = [];

    public SlaBook ToBook() => new(new SlaPolicy(TimeSpan.FromHours(FirstAnswerHours), TimeSpan.FromDays(SolutionDays)), Hubs);
}
