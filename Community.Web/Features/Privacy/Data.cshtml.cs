using System.Text.Json;
using Community.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Community.Web.Features.Privacy;

[Authorize]
public class DataModel(IMediator mediator, SignInManager<Data.CommunityUser> signIn, TimeProvider clock) : CommunityPageModel
{
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public bool Confirm { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var data = await mediator.Send(new ExportMyData.Query(User.UserId()!), ct);
        var json = JsonSerializer.SerializeToUtf8Bytes(data, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true });
        return File(json, "application/json", $"community-data-{clock.GetUtcNow():yyyy-MM-dd}.json");
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        if (!Confirm) ModelState.AddModelError(nameof(Confirm), T("Tick the box to confirm that your account is deleted for good."));
        else
        {
            var (ok, _) = await TrySendAsync(async () => await mediator.Send(new DeleteMyAccount.Command(User.UserId()!, Password), ct));
            if (ok)
            {
                await signIn.SignOutAsync();
                TempData["Deleted"] = true;
                return Redirect("/account/data/deleted");
            }
        }
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
