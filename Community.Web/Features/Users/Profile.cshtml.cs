using Community.Domain.Moderation;
using Community.Domain.Ranks;
using Community.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Community.Web.Features.Users;

public class ProfileModel(IMediator mediator, RankLadder ranks, Webhooks.CrmOptions crm, TimeProvider clock) : CommunityPageModel
{
    public Profile.Model? Data { get; private set; }
    public Reputation.PersonReputation.Model? Rep { get; private set; }
    public RankLadder Ranks => ranks;
    public IReadOnlyList<Profile.TokenRow> Tokens { get; private set; } = [];
    public bool IsMe { get; private set; }
    public string? NewToken { get; private set; }
    [BindProperty] public string? TokenName { get; set; }
    /// <summary>Unticked: a read-only token (notifications), which cannot post or give kudos.</summary>
    [BindProperty] public bool TokenCanWrite { get; set; } = true;
    [BindProperty] public int? TokenDays { get; set; } = 90;
    [BindProperty] public string? CustomerNumber { get; set; }
    [BindProperty] public bool Consent { get; set; }
    public Crm.MyCustomerLink.Model? CustomerLink { get; private set; }
    public Webhooks.CrmOptions Crm => crm;
    [TempData] public string? CrmMessage { get; set; }
    public Moderation.SuspensionOf.Model? Suspension { get; private set; }
    public bool ViewerIsModerator => User.IsModerator();
    [BindProperty] public int? SuspendDays { get; set; }
    [BindProperty] public string? SuspendReason { get; set; }
    [TempData] public string? ModerationMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(string name, CancellationToken ct) => await ShowAsync(name, ct);

    public async Task<IActionResult> OnPostCreateTokenAsync(string name, CancellationToken ct)
    {
        if (User.UserId() is not { } me) return Challenge();
        if ((await mediator.Send(new Profile.Query(name), ct))?.Id != me) return Forbid();
        // "abc" for the days does not bind; it must not quietly become the default lifetime.
        var (ok, token) = ModelState.GetValidationState(nameof(TokenDays)) == ModelValidationState.Invalid
            ? (false, null)
            : await TrySendAsync(() => mediator.Send(new CreateToken.Command(me, TokenName, TokenCanWrite, TokenDays), ct));
        if (!ok)
        {
            ModelState.TryGetValue("Name", out var e);
            foreach (var err in e?.Errors ?? []) ModelState.AddModelError(nameof(TokenName), err.ErrorMessage);
            ModelState.TryGetValue("Days", out var d);
            foreach (var err in d?.Errors ?? []) ModelState.AddModelError(nameof(TokenDays), err.ErrorMessage);
        }
        if (!ok)
        {
            var page = await ShowAsync(name, ct);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return page;
        }
        // Post/redirect/get: a reload must not create a second token; the token is shown once from TempData.
        TempData["NewToken"] = token;
        return RedirectToPage(new { name });
    }

    public async Task<IActionResult> OnPostRevokeTokenAsync(string name, int tokenId, CancellationToken ct)
    {
        if (User.UserId() is not { } me) return Challenge();
        await mediator.Send(new RevokeToken.Command(me, tokenId), ct);
        return RedirectToPage(new { name });
    }

    public async Task<IActionResult> OnPostLinkCustomerAsync(string name, CancellationToken ct)
    {
        if (User.UserId() is not { } me) return Challenge();
        if ((await mediator.Send(new Profile.Query(name), ct))?.Id != me) return Forbid();
        var (ok, _) = await TrySendAsync(async () => await mediator.Send(new Crm.LinkCustomerAccount.Command(me, CustomerNumber, Consent), ct));
        if (!ok) return await ShowAsync(name, ct);
        CrmMessage = T("Your customer account is linked. Points you earn from now on are credited to it.");
        return RedirectToPage(null, null, new { name }, "customer-account");
    }

    public async Task<IActionResult> OnPostUnlinkCustomerAsync(string name, CancellationToken ct)
    {
        if (User.UserId() is not { } me) return Challenge();
        if ((await mediator.Send(new Profile.Query(name), ct))?.Id != me) return Forbid();
        var (ok, _) = await TrySendAsync(async () => await mediator.Send(new Crm.UnlinkCustomerAccount.Command(me), ct));
        if (!ok) return await ShowAsync(name, ct);
        CrmMessage = T("Your customer account is unlinked. No further points are sent.");
        return RedirectToPage(null, null, new { name }, "customer-account");
    }

    public async Task<IActionResult> OnPostSuspendAsync(string name, bool lift, CancellationToken ct)
    {
        if (User.UserId() is null) return Challenge();
        if (!User.IsModerator()) return Forbid();
        // A mistyped length must not fall back to a default: it is an error like any other.
        var daysValid = lift || (SuspendDays is not null && ModelState.GetFieldValidationState(nameof(SuspendDays)) != ModelValidationState.Invalid);
        if (!daysValid)
        {
            ModelState.Remove(nameof(SuspendDays));
            ModelState.AddModelError(nameof(SuspendDays), T("Suspend for 1 to {0} days.", ModerationRules.MaxSuspensionDays));
        }
        var (ok, _) = (false, default(Mediator.Unit));
        if (daysValid)
            (ok, _) = await TrySendAsync(async () => await mediator.Send(new Moderation.SuspendUser.Command(Actor, name, lift ? 0 : SuspendDays!.Value, SuspendReason), ct), "Suspend");
        if (!ok) return await ShowAsync(name, ct);
        ModerationMessage = lift ? T("The suspension of {0} is lifted.", name) : T("{0} is suspended for {1} days.", name, SuspendDays!.Value);
        return RedirectToPage(new { name });
    }

    private async Task<IActionResult> ShowAsync(string name, CancellationToken ct)
    {
        Data = await mediator.Send(new Profile.Query(name), ct);
        if (Data is null) return NotFound();
        Rep = await mediator.Send(new Reputation.PersonReputation.Query(Data.Id), ct);
        IsMe = Data.Id == User.UserId();
        if (IsMe) NewToken ??= TempData["NewToken"] as string;
        if (IsMe) Tokens = await mediator.Send(new MyTokens.Query(Data.Id), ct);
        if (IsMe) CustomerLink = await mediator.Send(new Crm.MyCustomerLink.Query(Data.Id), ct);
        if (IsMe || User.IsModerator()) Suspension = await mediator.Send(new Moderation.SuspensionOf.Query(Data.Id, clock.GetUtcNow()), ct);
        return Page();
    }
}
