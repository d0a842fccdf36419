using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Community.Web.Features.Hubs;

public class HubModel(IMediator mediator) : PageModel
{
    public HubPage.Model? Data { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, string? tab, int? page, CancellationToken ct)
    {
        var parsedTab = Enum.TryParse<HubTab>(tab, ignoreCase: true, out var t) ? t : HubTab.Latest;
        Data = await mediator.Send(new HubPage.Query(slug, parsedTab, page ?? 1), ct);
        return Data is null ? NotFound() : Page();
    }
}
