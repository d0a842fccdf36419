using Community.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Community.Web.Features.Following;

[Authorize]
public class BookmarksModel(IMediator mediator) : CommunityPageModel
{
    public BookmarkList.Model List { get; private set; } = new([], 1, false);

    public async Task OnGetAsync([FromQuery(Name = "page")] int? pageNumber, CancellationToken ct) =>
        List = await mediator.Send(new BookmarkList.Query(User.UserId()!, Math.Clamp(pageNumber ?? 1, 1, BookmarkList.MaxPage)), ct);
}
