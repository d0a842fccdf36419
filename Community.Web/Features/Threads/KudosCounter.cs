using Community.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Threads;

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
