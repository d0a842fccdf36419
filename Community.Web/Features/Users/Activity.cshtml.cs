using Community.Web.Features.Hubs;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Community.Web.Features.Users;

public class ActivityModel(IMediator mediator) : PageModel
{
    public Activity.Model? Data { get; private set; }

    public async Task<IActionResult> OnGetAsync(string name, string kind, string? before, CancellationToken ct)
    {
        var parsed = kind switch { "questions" => Activity.Kind.Questions, "answers" => Activity.Kind.Answers, _ => (Activity.Kind?)null };
        if (parsed is null) return NotFound();
        if (!ListCursor.TryParse(before, out var cursor)) return BadRequest();
        Data = await mediator.Send(new Activity.Query(name, parsed.Value, cursor), ct);
        return Data is null ? NotFound() : Page();
    }
}
