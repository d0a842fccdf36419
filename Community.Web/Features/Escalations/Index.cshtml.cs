using Community.Domain.Escalation;
using Community.Web.Data;
using Mediator;
using Microsoft.AspNetCore.Authorization;

namespace Community.Web.Features.Escalations;

[Authorize(Roles = Roles.Moderator + "," + Roles.Admin + "," + Roles.Support)]
public class IndexModel(IMediator mediator) : CommunityPageModel
{
    public IReadOnlyList<EscalationList.Row> Rows { get; private set; } = [];
    public string Filter { get; private set; } = "open";

    public async Task OnGetAsync(string? status, CancellationToken ct)
    {
        Filter = status is "escalated" or "acknowledged" or "resolved" or "all" ? status : "open";
        EscalationStatus? only = Filter switch
        {
            "escalated" => EscalationStatus.Escalated,
            "acknowledged" => EscalationStatus.Acknowledged,
            "resolved" => EscalationStatus.Resolved,
            _ => null,
        };
        var rows = await mediator.Send(new EscalationList.Query(only), ct);
        Rows = Filter == "open" ? rows.Where(r => r.Status != "resolved").ToList() : rows;
    }
}
