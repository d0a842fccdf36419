using Microsoft.AspNetCore.OutputCaching;
using Community.Web.Infrastructure.Caching;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Community.Web.Features.Reputation;

[OutputCache(PolicyName = AnonymousPagePolicy.Name)]
public class HallOfFameModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<HallOfFame.Entry> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Entries = await mediator.Send(new HallOfFame.Query(), ct);
}
