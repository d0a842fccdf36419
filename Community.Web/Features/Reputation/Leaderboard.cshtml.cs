using Microsoft.AspNetCore.OutputCaching;
using Community.Web.Infrastructure.Caching;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Community.Web.Features.Reputation;

[OutputCache(PolicyName = AnonymousPagePolicy.Name)]
public class LeaderboardModel(IMediator mediator) : PageModel
{
    public Leaderboard.Model? Data { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? slug, string? period, CancellationToken ct)
    {
        Data = await mediator.Send(new Leaderboard.Query(slug, Leaderboard.Parse(period), 50), ct);
        return Data is null ? NotFound() : Page();
    }
}
