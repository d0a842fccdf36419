using Community.Domain.Crm;
using Community.Domain.Outbox;
using Community.Web.Data;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Community.Web.Features.Webhooks;

[Authorize(Roles = Roles.Admin)]
public class EndpointModel(IMediator mediator, TimeProvider clock) : CommunityPageModel
{
    public EndpointDetail.Model? Data { get; private set; }
    public string? NewSecret { get; private set; }
    [TempData] public string? Message { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    [BindProperty] public List<string> EventTypes { get; set; } = [];
    [BindProperty] public string? Description { get; set; }
    [BindProperty(Name = "Url")] public string? EndpointUrl { get; set; }
    [BindProperty] public bool ConfirmDelete { get; set; }

    public static IReadOnlyList<string> KnownTypes => WebhookEventTypes.All;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        NewSecret = TempData["NewSecret"] as string;
        // The page may show a secret: never keep it in a cache.
        if (NewSecret is not null) Response.Headers.CacheControl = "no-store";
        return await ShowAsync(id, ct);
    }

    public async Task<IActionResult> OnPostUpdateAsync(int id, CancellationToken ct)
    {
        var (ok, _) = await TrySendAsync(async () => await mediator.Send(new UpdateEndpoint.Command(id, Description ?? "", string.Join(' ', EventTypes), null, EndpointUrl ?? ""), ct));
        if (!ok) return await ShowAsync(id, ct);
        Message = T("Saved.");
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostPauseAsync(int id, bool paused, CancellationToken ct)
    {
        await mediator.Send(new UpdateEndpoint.Command(id, null, null, paused), ct);
        Message = paused ? T("Paused: deliveries wait until you resume.") : T("Resumed: waiting deliveries are being sent.");
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostRotateAsync(int id, CancellationToken ct)
    {
        TempData["NewSecret"] = await mediator.Send(new RotateSecret.Command(id), ct);
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostTestAsync(int id, CancellationToken ct)
    {
        var (ok, eventId) = await TrySendAsync(() => mediator.Send(new SendTestEvent.Command(id, User.Identity?.Name ?? "admin"), ct));
        if (!ok) return await ShowAsync(id, ct);
        Message = T("Test event {0} queued; it appears below with its result in a moment.", eventId!);
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostReplayAsync(int id, long deliveryId, CancellationToken ct)
    {
        var (ok, _) = await TrySendAsync(() => mediator.Send(new ReplayDeadLetters.Command(deliveryId, id), ct));
        if (!ok) return await ShowAsync(id, ct);
        Message = T("The delivery is being sent again.");
        return RedirectToPage(new { id, status = Status });
    }

    public async Task<IActionResult> OnPostReplayAllAsync(int id, CancellationToken ct)
    {
        var n = await mediator.Send(new ReplayDeadLetters.Command(null, id), ct);
        Message = n == 1 ? T("{0} dead-lettered delivery is being sent again.", n) : T("{0} dead-lettered deliveries are being sent again.", n.ToString("N0"));
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        var (ok, _) = await TrySendAsync(async () => await mediator.Send(new DeleteEndpoint.Command(id, ConfirmDelete), ct));
        if (!ok) return await ShowAsync(id, ct);
        Message = T("Endpoint deleted with its deliveries.");
        return RedirectToPage("Webhooks");
    }

    private async Task<IActionResult> ShowAsync(int id, CancellationToken ct)
    {
        DeliveryStatus? status = Status switch
        {
            "pending" => DeliveryStatus.Pending,
            "delivered" => DeliveryStatus.Delivered,
            "dead" => DeliveryStatus.DeadLettered,
            _ => null,
        };
        Data = await mediator.Send(new EndpointDetail.Query(id, status, PageNumber, clock.GetUtcNow()), ct);
        if (Data is null) return NotFound();
        if (EventTypes.Count == 0 && !HasError("EventTypes")) EventTypes = [.. Data.EventTypes.Split(' ', StringSplitOptions.RemoveEmptyEntries)];
        Description ??= Data.Description;
        EndpointUrl ??= Data.Url;
        return Page();
    }
}
