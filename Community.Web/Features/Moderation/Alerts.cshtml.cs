using Community.Domain.Reputation;
using Community.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Moderation;

[Authorize(Roles = Roles.Moderator + "," + Roles.Admin)]
public class AlertsModel(CommunityDb db) : PageModel
{
    public sealed record Row(DateTimeOffset CreatedAt, AlertKind Kind, string UserName, string? OtherName, string Detail);

    public IReadOnlyList<Row> Alerts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Alerts = await (
            from a in db.ModeratorAlerts.AsNoTracking()
            join u in db.Users on a.UserId equals u.Id
            join o in db.Users on a.OtherUserId equals o.Id into others
            from o in others.DefaultIfEmpty()
            orderby a.CreatedAt descending
            select new Row(a.CreatedAt, a.Kind, u.UserName!, o == null ? null : o.UserName, a.Detail))
            .Take(200).ToListAsync(ct);
}
