using Community.Domain.Threads;
using Community.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Tags;

/// <summary>
/// One tag of one thread, so a tag's page reads its own index (tag, newest thread first) instead of scanning every
/// thread's tag list. Written where a thread is started (<see cref="ForTagsOf"/>) and rewritten when its tags are edited (<see cref="ReplaceFor"/>).
/// </summary>
public sealed class ThreadTag
{
    public required string Tag { get; init; }
    public int ThreadId { get; init; }

    /// <summary>The rows of a thread that has its id (saved).</summary>
    public static IEnumerable<ThreadTag> ForTagsOf(ForumThread thread) =>
        thread.TagList.Select(tag => new ThreadTag { Tag = tag, ThreadId = thread.Id });

    public static void AddFor(CommunityDb db, ForumThread thread) => db.Set<ThreadTag>().AddRange(ForTagsOf(thread));

    public static async Task ReplaceFor(CommunityDb db, ForumThread thread, CancellationToken ct)
    {
        db.Set<ThreadTag>().RemoveRange(await db.Set<ThreadTag>().Where(t => t.ThreadId == thread.Id).ToListAsync(ct));
        AddFor(db, thread);
    }
}
