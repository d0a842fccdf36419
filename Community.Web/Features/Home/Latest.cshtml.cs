using Community.Web.Features.Hubs;
using Community.Web.Infrastructure.Caching;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;

namespace Community.Web.Features.Home;

[OutputCache(PolicyName = AnonymousPagePolicy.Name)]
public class LatestModel(IMediator mediator) : CommunityPageModel
{
    public Latest.Model Data { get; private set; } = new([], null);
    public bool Unanswered { get; private set; }
    public string? Before { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? filter, string? before, CancellationToken ct)
    {
        // A cursor is only ever written by the page itself; anything else is refused rather than guessed at.
        if (!ListCursor.TryParse(before, out var cursor)) return BadRequest();
        (Unanswered, Before) = (filter == "unanswered", before);
        Data = await mediator.Send(new Latest.Query(Unanswered, cursor), ct);
        return Page();
    }
}
