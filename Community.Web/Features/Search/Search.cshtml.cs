using Community.Web.Features.Hubs;
using Community.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.RateLimiting;

namespace Community.Web.Features.Search;

[EnableRateLimiting(Infrastructure.Security.RateLimitPolicies.Search)]
public class SearchModel(IMediator mediator) : CommunityPageModel
{
    public string? Q { get; private set; }
    public string? Hub { get; private set; }
    public string? Status { get; private set; }
    public string? Tag { get; private set; }
    public string? When { get; private set; }
    public Dictionary<string, string> Errors { get; } = [];
    public SearchThreads.Model? Result { get; private set; }
    public IReadOnlyList<HubNode> Hubs { get; private set; } = [];

    public async Task OnGetAsync(string? q, string? hub, string? status, string? tag, string? when, int? page, CancellationToken ct)
    {
        (Q, Hub, Status, Tag, When) = (q, hub, status, tag, when);
        Hubs = await mediator.Send(new HubDirectory.Query(), ct);
        if (q is null) return;
        try
        {
            Result = await mediator.Send(new SearchThreads.Query(q, SearchThreads.PageSize, false, hub, status, tag, when, page ?? 1), ct);
        }
        catch (ValidationFailedException e)
        {
            foreach (var (field, messages) in e.Messages) Errors[field] = Translate(messages[0]);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
    }

    /// <summary>This search with another page or query, keeping the filters.</summary>
    public string Link(int page, string? q = null)
    {
        var query = new List<string> { "q=" + Uri.EscapeDataString(q ?? Q ?? "") };
        if (!string.IsNullOrEmpty(Hub)) query.Add("hub=" + Uri.EscapeDataString(Hub));
        if (!string.IsNullOrEmpty(Status)) query.Add("status=" + Uri.EscapeDataString(Status));
        if (!string.IsNullOrEmpty(Tag)) query.Add("tag=" + Uri.EscapeDataString(Tag));
        if (!string.IsNullOrEmpty(When)) query.Add("when=" + Uri.EscapeDataString(When));
        if (page > 1) query.Add("page=" + page);
        return "/search?" + string.Join('&', query);
    }
}
