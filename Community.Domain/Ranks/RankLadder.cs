namespace Community.Domain.Ranks;

public sealed record Rank(int MinPoints, string Name, string NameDe);

public enum Privilege { GiveKudos, FlagPosts, EditOthersPosts, SeeUnansweredQueue }

/// <summary>Ranks and the privileges they unlock; bound from the "Ranks" section of appsettings.</summary>
public sealed record RankOptions
{
    public List<Rank> Ladder { get; init; } =
    [
        new(0, "Newcomer", "Neuling"),
        new(50, "Member", "Mitglied"),
        new(250, "Connoisseur", "Kenner"),
        new(1000, "Expert", "Experte"),
        new(5000, "Superuser", "Superuser"),
    ];

    /// <summary>Minimum reputation for each privilege; moderators and admins have them all.</summary>
    public Dictionary<Privilege, int> Privileges { get; init; } = new()
    {
        [Privilege.GiveKudos] = 0,
        [Privilege.FlagPosts] = 50,
        [Privilege.SeeUnansweredQueue] = 250,
        [Privilege.EditOthersPosts] = 1000,
    };
}

public sealed class RankLadder
{
    private readonly Rank[] _ranks;
    private readonly RankOptions _options;

    public RankLadder(RankOptions options)
    {
        _options = options;
        _ranks = options.Ladder.OrderBy(r => r.MinPoints).ToArray();
        if (_ranks.Length == 0 || _ranks[0].MinPoints > 0) throw new ArgumentException("The rank ladder needs a first rank at 0 points.");
    }

    public IReadOnlyList<Rank> Ranks => _ranks;

    public Rank RankFor(int reputation)
    {
        var rank = _ranks[0];
        foreach (var r in _ranks)
            if (reputation >= r.MinPoints) rank = r;
        return rank;
    }

    public Rank? NextRank(int reputation) => _ranks.FirstOrDefault(r => r.MinPoints > reputation);

    public int Threshold(Privilege privilege) => _options.Privileges.GetValueOrDefault(privilege, 0);

    public bool Has(int reputation, bool isModerator, Privilege privilege) => isModerator || reputation >= Threshold(privilege);

    /// <summary>Throws a readable refusal when the privilege is missing.</summary>
    public void Ensure(int reputation, bool isModerator, Privilege privilege)
    {
        if (Has(reputation, isModerator, privilege)) return;
        var needed = Threshold(privilege);
        var rank = RankFor(needed);
        throw ForbiddenException.Saying("You need {0} reputation (rank {1}) to {2}; you have {3}.", needed, rank, new UiText(Describe(privilege)), reputation);
    }

    public static string Describe(Privilege p) => p switch
    {
        Privilege.GiveKudos => "give kudos to posts",
        Privilege.FlagPosts => "flag posts",
        Privilege.EditOthersPosts => "edit other people's posts",
        Privilege.SeeUnansweredQueue => "see the unanswered-thread queue",
        _ => p.ToString(),
    };
}
