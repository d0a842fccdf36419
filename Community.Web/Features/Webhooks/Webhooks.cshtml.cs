using Community.Domain.Crm;
using Community.Web.Data;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Community.Web.Features.Webhooks;

[Authorize(Roles = Roles.Admin)]
public class WebhooksModel(IMediator mediator) : CommunityPageModel
{
    public IReadOnlyList<EndpointList.Row> Endpoints { get; private set; } = [];
    [BindProperty(Name = "Url")] public string? EndpointUrl { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public List<string> EventTypes { get; set; } = [];
    [TempData] public string? Message { get; set; }

    public static IReadOnlyList<string> KnownTypes => WebhookEventTypes.All;

    public async Task OnGetAsync(CancellationToken ct) => Endpoints = await mediator.Send(new EndpointList.Query(), ct);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        var (ok, added) = await TrySendAsync(() => mediator.Send(new AddEndpoint.Command(EndpointUrl, Description, string.Join(' ', EventTypes)), ct));
        if (!ok)
        {
            Endpoints = await mediator.Send(new EndpointList.Query(), ct);
            return Page();
        }
        // Post/redirect/get; the secret is shown once, on the endpoint's page.
        TempData["NewSecret"] = added.Secret;
        return RedirectToPage("Endpoint", new { id = added.Id });
    }

    public async Task<IActionResult> OnPostReplayAllAsync(CancellationToken ct)
    {
        var n = await mediator.Send(new ReplayDeadLetters.Command(null, null), ct);
        Message = n == 1 ? T("{0} dead-lettered delivery is being sent again.", n) : T("{0} dead-lettered deliveries are being sent again.", n.ToString("N0"));
        return RedirectToPage();
    }
}
