using Community.Web.Infrastructure;
using Community.Web.Infrastructure.Caching;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace Community.Web.Features.Tags;

[OutputCache(PolicyName = AnonymousPagePolicy.Name)]
public class TagModel(IMediator mediator) : PageModel
{
    public TagPage.Model? Data { get; private set; }

    public async Task<IActionResult> OnGetAsync(string tag, string? before, CancellationToken ct)
    {
        // A cursor is only ever written by the page itself (a thread id); anything else is refused.
        if (!TagPage.TryParseCursor(before, out var cursor)) return BadRequest();
        Data = await mediator.Send(new TagPage.Query(tag, cursor), ct);
        if (Data is null) return NotFound();
        // An address with the tag spelt otherwise ("WLAN") has one canonical form.
        if (Data.Tag != tag) return RedirectPermanent(Urls.Tag(Data.Tag) + (before is null ? "" : "?before=" + before));
        return Page();
    }
}
