using Community.Domain.Following;
using Community.Web.Data;
using Community.Web.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Following;

/// <summary>The person's default for new posts in the hubs they watch: notify, digest only, or off.</summary>
public static class WatchedHubsChoice
{
    public sealed record Command(Actor Actor, WatchedHubPosts Posts) : ICommand;

    public sealed class Handler(CommunityDb db) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command cmd, CancellationToken ct)
        {
            await db.Users.Where(u => u.Id == cmd.Actor.UserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.WatchedHubPosts, cmd.Posts), ct);
            return Unit.Value;
        }
    }
}
