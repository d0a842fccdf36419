using Community.Web.Infrastructure.Caching;
using Community.Domain;
using Community.Web.Data;
using Community.Web.Features.Reputation;
using Community.Web.Infrastructure;
using Community.Web.Infrastructure.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Threads;

public static class WithdrawKudos
{
    public sealed record Command(Actor Actor, int PostId) : ICommand<KudosResult>, IRateLimited
    {
        string? IRateLimited.RateLimitPolicy => RateLimitPolicies.Kudos;
        string IRateLimited.RateLimitKey => Actor.UserId;
    }

    public sealed class Handler(CommunityDb db, PageCache pages, TimeProvider clock, ReputationBook reputation) : ICommandHandler<Command, KudosResult>
    {
        public async ValueTask<KudosResult> Handle(Command cmd, CancellationToken ct)
        {
            var post = await db.Posts.AsNoTracking().FirstOrDefaultAsync(p => p.Id == cmd.PostId && db.Threads.Any(t => t.Id == p.ThreadId), ct)
                ?? throw new NotFoundException(UiMessage.Saying("Post {0} does not exist.", cmd.PostId));
            var deleted = await db.Kudos.Where(k => k.PostId == cmd.PostId && k.UserId == cmd.Actor.UserId).ExecuteDeleteAsync(ct);
            if (deleted == 1)
            {
                var hubId = await db.Threads.Where(t => t.Id == post.ThreadId).Select(t => t.HubId).FirstAsync(ct);
                await reputation.OnKudosWithdrawnAsync(post, hubId, cmd.Actor.UserId, clock.GetUtcNow(), ct);
            }
            pages.ThreadChanged(post.ThreadId);
            return await KudosCounter.RecountAsync(db, cmd.PostId, cmd.Actor.UserId, ct);
        }
    }
}
