using Microsoft.AspNetCore.OutputCaching;
using Community.Web.Infrastructure.Caching;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Community.Web.Features.Home;

[OutputCache(PolicyName = AnonymousPagePolicy.Name)]
public class IndexModel(IMediator mediator) : PageModel
{
    public HomePage.Model Data { get; private set; } = null!;
    public Reputation.HallOfFame.Entry? Hero { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Data = await mediator.Send(new HomePage.Query(), ct);
        Hero = await mediator.Send(new Reputation.HallOfFame.CurrentHeroQuery(), ct);
    }
}
