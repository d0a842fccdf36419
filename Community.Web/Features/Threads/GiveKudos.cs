using Community.Web.Infrastructure.Caching;
using Community.Domain;
using Community.Domain.Notifications;
using Community.Domain.Ranks;
using Community.Domain.Reputation;
using Community.Domain.Threads;
using Community.Web.Data;
using Community.Web.Features.Notifications;
using Community.Web.Features.Reputation;
using Community.Web.Infrastructure;
using Community.Web.Infrastructure.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Threads;

public static class GiveKudos
{
    public sealed record Command(Actor Actor, int PostId) : ICommand<KudosResult>, IRateLimited
    {
        string? IRateLimited.RateLimitPolicy => RateLimitPolicies.Kudos;
        string IRateLimited.RateLimitKey => Actor.UserId;
    }

    public sealed class Handler(CommunityDb db, PageCache pages, Notifier notifier, TimeProvider clock, RankLadder ranks, ReputationOptions options, ReputationBook reputation) : ICommandHandler<Command, KudosResult>
    {
        public async ValueTask<KudosResult> Handle(Command cmd, CancellationToken ct)
        {
            var post = await db.Posts.AsNoTracking().FirstOrDefaultAsync(p => p.Id == cmd.PostId && db.Threads.Any(t => t.Id == p.ThreadId), ct)
                ?? throw new NotFoundException(UiMessage.Saying("Post {0} does not exist.", cmd.PostId));
            post.EnsureKudosAllowed(cmd.Actor.UserId);
            var now = clock.GetUtcNow();
            var voter = await db.Users.Where(u => u.Id == cmd.Actor.UserId).Select(u => new { u.Reputation, u.JoinedAt }).FirstAsync(ct);
            ranks.Ensure(voter.Reputation, cmd.Actor.IsModerator, Privilege.GiveKudos);
            Kudos.EnsureAccountOldEnough(voter.JoinedAt, now, options.MinAccountAgeForKudos, cmd.Actor.IsModerator);

            // INSERT ... ON CONFLICT DO NOTHING on the (post, user) key: a double click or two racing requests count once,
            // and only the request that inserted the row books points.
            var inserted = await db.Database.ExecuteSqlInterpolatedAsync(
                $"""INSERT INTO "Kudos" ("PostId", "UserId", "GivenAt") VALUES ({cmd.PostId}, {cmd.Actor.UserId}, {db.StoredTime(now)}) ON CONFLICT DO NOTHING""", ct);
            if (inserted == 1)
            {
                var hubId = await db.Threads.Where(t => t.Id == post.ThreadId).Select(t => t.HubId).FirstAsync(ct);
                await reputation.OnKudosGivenAsync(post, hubId, cmd.Actor.UserId, now, ct);
            }
            var result = await KudosCounter.RecountAsync(db, cmd.PostId, cmd.Actor.UserId, ct);
            pages.ThreadChanged(post.ThreadId);
            if (inserted == 1 && KudosMilestones.IsMilestone(result.KudosCount))
            {
                var thread = await db.Threads.Where(t => t.Id == post.ThreadId).Select(t => new { t.Id, t.Slug, t.Title }).FirstAsync(ct);
                await notifier.NotifyAsync(new Notification
                {
                    UserId = post.AuthorId, Kind = NotificationKind.KudosMilestone, CreatedAt = now,
                    Url = Urls.Post(thread.Id, thread.Slug, post.Id),
                }.Saying("Your post in \"{0}\" has {1} kudos. Thank you for helping!", thread.Title, result.KudosCount), ct);
                await db.SaveChangesAsync(ct);
            }
            return result;
        }
    }
}
