using Community.Web.Data;
using Community.Web.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Community.Web.Features.Threads;

public sealed record KudosResult(int PostId, int KudosCount, bool GivenByMe);

public static class GiveKudos
{
    public sealed record Command(Actor Actor, int PostId) : ICommand<KudosResult>;

    public sealed class Handler(CommunityDb db, TimeProvider clock) : ICommandHandler<Command, KudosResult>
    {
        private static readonly DateTimeOffsetToBinaryConverter StoredTime = new();

        public async ValueTask<KudosResult> Handle(Command cmd, CancellationToken ct)
        {
            var post = await db.Posts.AsNoTracking().FirstOrDefaultAsync(p => p.Id == cmd.PostId, ct)
                ?? throw new NotFoundException($"Post {cmd.PostId} does not exist.");
            post.EnsureKudosAllowed(cmd.Actor.UserId);

            // INSERT OR IGNORE on the (post, user) key: a double click or two racing requests count once.
            var givenAt = (long)StoredTime.ConvertToProvider(clock.GetUtcNow())!;
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO Kudos (PostId, UserId, GivenAt) VALUES ({cmd.PostId}, {cmd.Actor.UserId}, {givenAt}) ON CONFLICT DO NOTHING", ct);
            return await KudosCounter.RecountAsync(db, cmd.PostId, cmd.Actor.UserId, ct);
        }
    }
}

public static class WithdrawKudos
{
    public sealed record Command(Actor Actor, int PostId) : ICommand<KudosResult>;

    public sealed class Handler(CommunityDb db) : ICommandHandler<Command, KudosResult>
    {
        public async ValueTask<KudosResult> Handle(Command cmd, CancellationToken ct)
        {
            if (!await db.Posts.AnyAsync(p => p.Id == cmd.PostId, ct))
                throw new NotFoundException($"Post {cmd.PostId} does not exist.");
            await db.Kudos.Where(k => k.PostId == cmd.PostId && k.UserId == cmd.Actor.UserId).ExecuteDeleteAsync(ct);
            return await KudosCounter.RecountAsync(db, cmd.PostId, cmd.Actor.UserId, ct);
        }
    }
}

internal static class KudosCounter
{
    /// <summary>The stored count is recomputed from the rows, never incremented, so it cannot drift.</summary>
    public static async Task<KudosResult> RecountAsync(CommunityDb db, int postId, string userId, CancellationToken ct)
    {
        var count = await db.Kudos.CountAsync(k => k.PostId == postId, ct);
        await db.Posts.Where(p => p.Id == postId).ExecuteUpdateAsync(s => s.SetProperty(p => p.KudosCount, count), ct);
        var mine = await db.Kudos.AnyAsync(k => k.PostId == postId && k.UserId == userId, ct);
        return new KudosResult(postId, count, mine);
    }
}
