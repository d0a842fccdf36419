using Community.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.RateLimiting;

namespace Community.Web.Features.Search;

[EnableRateLimiting(Infrastructure.Security.RateLimitPolicies.Search)]
public class SearchModel(IMediator mediator) : CommunityPageModel
{
    public string? Q { get; private set; }
    public string? Error { get; private set; }
    public SearchThreads.Model? Result { get; private set; }

    public async Task OnGetAsync(string? q, CancellationToken ct)
    {
        Q = q;
        if (q is null) return;
        try
        {
            Result = await mediator.Send(new SearchThreads.Query(q, SearchThreads.MaxResults), ct);
        }
        catch (ValidationFailedException e)
        {
            Error = Translate(e.Messages.Values.SelectMany(m => m).First());
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }
}
