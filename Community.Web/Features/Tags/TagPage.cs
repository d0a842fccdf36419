using Community.Domain.Threads;
using Community.Web.Data;
using Community.Web.Features.Hubs;
using Community.Web.Features.Threads;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Tags;

/// <summary>
/// The threads with one tag, newest first, 20 a page, paged by keyset (before= the last thread id shown): the last
/// page of a tag with a hundred thousand threads costs what the first does.
/// </summary>
public static class TagPage
{
    public const int PageSize = 20;

    public sealed record Query(string Tag, int? Before) : IQuery<Model?>;

    /// <summary>A <c>before=</c> cursor as the page writes it (a thread id); false for anything else. No cursor is fine.</summary>
    public static bool TryParseCursor(string? before, out int? cursor)
    {
        cursor = null;
        if (before is null) return true;
        if (!int.TryParse(before, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) || id < 1) return false;
        cursor = id;
        return true;
    }

    /// <param name="Older">The cursor of the next (older) page, or null on the last page.</param>
    public sealed record Model(string Tag, IReadOnlyList<ThreadRow> Threads, int? Older);

    public sealed class Handler(CommunityDb db) : IQueryHandler<Query, Model?>
    {
        public async ValueTask<Model?> Handle(Query q, CancellationToken ct)
        {
            var tag = Slug.Normalize(q.Tag);
            if (tag.Length == 0 || tag.Length > ThreadRules.MaxTagLength) return null;
            var tagged = db.Set<ThreadTag>().AsNoTracking().Where(x => x.Tag == tag);
            if (q.Before is { } before) tagged = tagged.Where(x => x.ThreadId < before);
            // Hidden threads are left out by the Threads query filter; a few extra rows make up for them.
            var ids = await tagged.OrderByDescending(x => x.ThreadId).Take(PageSize + 1 + 10)
                .Where(x => db.Threads.Any(t => t.Id == x.ThreadId)).Select(x => x.ThreadId).ToListAsync(ct);
            if (ids.Count == 0 && q.Before is null) return null;
            var older = ids.Count > PageSize ? ids[PageSize - 1] : (int?)null;
            return new Model(tag, await ThreadRows.InOrderAsync(db, ids.Take(PageSize).ToList(), ct), older);
        }
    }
}
