using Community.Domain.Ranks;
using Community.Domain.Reputation;

namespace Community.Web.Features.Reputation;

/// <summary>Hero-of-the-month settings ("Hero" section).</summary>
public sealed record HeroOptions
{
    /// <summary>Moderators, admins and support agents are not eligible.</summary>
    public bool ExcludeStaff { get; init; } = true;
    /// <summary>Also choose a hero for each top-level hub (no bonus, a badge and a Hall of Fame line).</summary>
    public bool PerTopLevelHub { get; init; } = true;
    /// <summary>Run the election in the background once a month is over.</summary>
    public bool RunInBackground { get; init; } = true;
    public TimeSpan CheckEvery { get; init; } = TimeSpan.FromHours(1);
}

public static class ReputationSettings
{
    /// <summary>Binds the options; a configured rank ladder replaces the default one instead of being appended to it.</summary>
    public static void AddReputation(this IServiceCollection services, IConfiguration config)
    {
        var reputation = config.GetSection("Reputation").Get<ReputationOptions>() ?? new ReputationOptions();
        var ranks = new RankOptions();
        var ladder = config.GetSection("Ranks:Ladder").Get<List<Rank>>();
        if (ladder is { Count: > 0 }) ranks = ranks with { Ladder = ladder };
        foreach (var p in config.GetSection("Ranks:Privileges").GetChildren())
            if (Enum.TryParse<Privilege>(p.Key, true, out var privilege) && int.TryParse(p.Value, out var min)) ranks.Privileges[privilege] = min;
        var hero = config.GetSection("Hero").Get<HeroOptions>() ?? new HeroOptions();

        services.AddSingleton(reputation);
        services.AddSingleton(new PointsRules(reputation));
        services.AddSingleton(new RankLadder(ranks));
        services.AddSingleton(hero);
        services.AddSingleton(CommunityCalendar.For(config["Community:TimeZone"] ?? "Europe/Vienna"));
        services.AddScoped<ReputationBook>();
        services.AddScoped<HeroElection>();
        services.AddHostedService<HeroElectionWorker>();
    }
}
