using Microsoft.AspNetCore.OutputCaching;
using Community.Web.Infrastructure.Caching;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Community.Web.Features.Hubs;

[OutputCache(PolicyName = AnonymousPagePolicy.Name)]
public class HubModel(IMediator mediator) : CommunityPageModel
{
    /// <summary>The signed-in viewer's choice for this hub (null: normal, or anonymous).</summary>
    public Community.Domain.Following.WatchLevel? Watch { get; private set; }
    public string? WatchMessage { get; private set; }

    public HubPage.Model? Data { get; private set; }
    public IReadOnlyList<Reputation.ExpertRow> Experts { get; private set; } = [];
    public Reputation.Period ExpertsPeriod { get; private set; } = Reputation.Period.Days30;

    public async Task<IActionResult> OnGetAsync(string slug, string? tab, string? before, string? after, CancellationToken ct)
    {
        var parsedTab = Enum.TryParse<HubTab>(tab, ignoreCase: true, out var t) && Enum.IsDefined(t) && !int.TryParse(tab, out _) ? t : HubTab.Latest;
        // A cursor is only ever written by the page itself; anything else is refused rather than guessed at.
        if (!ListCursor.TryParse(before, out var olderThan) || !ListCursor.TryParse(after, out var newerThan)) return BadRequest();
        Data = await mediator.Send(new HubPage.Query(slug, parsedTab, olderThan, newerThan), ct);
        if (Data is null) return NotFound();
        Experts = await mediator.Send(new Reputation.Leaderboard.TopOfHubQuery(Data.Hub.Id, Reputation.Period.Days30, 5), ct);
        if (Experts.Count == 0)
        {
            // A quiet month should still point askers to the people who know this device.
            ExpertsPeriod = Reputation.Period.AllTime;
            Experts = await mediator.Send(new Reputation.Leaderboard.TopOfHubQuery(Data.Hub.Id, Reputation.Period.AllTime, 5), ct);
        }
        if (Infrastructure.ClaimsExtensions.UserId(User) is { } viewer)
        {
            Watch = await mediator.Send(new Following.Follow.HubStateQuery(viewer, Data.Hub.Id), ct);
            WatchMessage = TempData["WatchMessage"] as string;
        }
        return Page();
    }

    /// <summary>Watch (every new post in this hub, as the person chose in their settings), normal, or mute.</summary>
    public async Task<IActionResult> OnPostWatchAsync(string slug, string? level, CancellationToken ct)
    {
        if (Infrastructure.ClaimsExtensions.UserId(User) is null) return Challenge();
        var (ok, _) = await TrySendAsync(async () => await mediator.Send(new Following.Follow.WatchHub(Actor, slug, Following.Follow.ParseLevel(level)), ct));
        if (!ok) return NotFound();
        TempData["WatchMessage"] = level switch
        {
            "watching" => T("You are watching this hub: new questions and answers are in your notifications."),
            "muted" => T("This hub is muted."),
            _ => T("Back to normal for this hub."),
        };
        return Redirect(Infrastructure.Urls.Hub(slug) + "#hub-watch");
    }
}
