using System.Globalization;
using System.Text;
using Community.Domain.Reputation;
using Community.Web.Data;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Community.Web.Features.Dashboard;

[Authorize(Roles = Roles.Admin + "," + Roles.Moderator)]
public class IndexModel(IMediator mediator, CommunityCalendar calendar, TimeProvider clock) : CommunityPageModel
{
    public ValueDashboard.Model? Data { get; private set; }
    [BindProperty(SupportsGet = true)] public string? Hub { get; set; }
    [BindProperty(SupportsGet = true)] public int Months { get; set; } = 12;
    public IReadOnlyList<(string Slug, string Name)> Hubs { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Data = await mediator.Send(new ValueDashboard.Query(calendar.MonthOf(clock.GetUtcNow()), Months, Hub), ct);
        if (Data is null) return NotFound();
        Hubs = (await mediator.Send(new Hubs.HubDirectory.Query(), ct)).Select(h => (h.Slug, h.Name)).ToList();
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var data = await mediator.Send(new ValueDashboard.Query(calendar.MonthOf(clock.GetUtcNow()), Months, Hub), ct);
        if (data is null) return NotFound();
        // Machine-readable: English headers and invariant numbers whatever the reader's language.
        string csv;
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try { csv = ValueDashboard.Csv(data); }
        finally { CultureInfo.CurrentCulture = culture; }
        return File(Encoding.UTF8.GetBytes(csv), "text/csv", $"community-value{(Hub is null ? "" : "-" + Hub)}.csv");
    }
}
