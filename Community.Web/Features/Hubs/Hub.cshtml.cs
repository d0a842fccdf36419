using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Community.Web.Features.Hubs;

public class HubModel(IMediator mediator) : PageModel
{
    public HubPage.Model? Data { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, string? tab, CancellationToken ct)
    {
        // "page" is a route value of Razor Pages itself, so the page number is read from the query directly.
        var page = int.TryParse(Request.Query["page"], out var n) ? n : 1;
        var parsedTab = Enum.TryParse<HubTab>(tab, ignoreCase: true, out var t) ? t : HubTab.Latest;
        Data = await mediator.Send(new HubPage.Query(slug, parsedTab, page), ct);
        return Data is null ? NotFound() : Page();
    }
}
