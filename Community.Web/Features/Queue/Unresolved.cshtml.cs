using Community.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Community.Web.Features.Queue;

[Authorize]
public class UnresolvedModel(IMediator mediator, TimeProvider clock) : CommunityPageModel
{
    public UnresolvedQueue.Model? Data { get; private set; }
    [BindProperty(SupportsGet = true)] public string? Hub { get; set; }
    [BindProperty(SupportsGet = true)] public bool Breached { get; set; }
    [BindProperty(SupportsGet = true)] public bool Mine { get; set; }
    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow();
        Data = await mediator.Send(new UnresolvedQueue.Query(User.UserId()!, User.IsModerator(), Hub, Breached, Mine, Now), ct);
        return Data is null ? NotFound() : Page();
    }

    /// <summary>A waiting time in the reader's language: "42 min", "5 h", "3 days".</summary>
    public string Age(TimeSpan t) => t.TotalHours < 1 ? T("{0} min", (int)t.TotalMinutes) : t.TotalDays < 2 ? T("{0} h", (int)t.TotalHours) : T("{0} days", (int)t.TotalDays);
}
