using Community.Web.Data;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Community.Web.Features.Moderation;

[Authorize(Roles = Roles.Moderator + "," + Roles.Admin)]
public class LogModel(IMediator mediator) : CommunityPageModel
{
    public IReadOnlyList<AuditLogPage.Row> Rows { get; private set; } = [];
    public bool HasMore { get; private set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    [BindProperty(SupportsGet = true, Name = "user")] public string? UserName { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => (Rows, HasMore) = await mediator.Send(new AuditLogPage.Query(PageNumber, UserName), ct);
}
