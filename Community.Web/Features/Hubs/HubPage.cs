using System.Globalization;
using System.Linq.Expressions;
using Community.Domain.Threads;
using Community.Web.Data;
using Community.Web.Features.Threads;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Hubs;

/// <summary>Where a page of a thread list ends: the last activity and id of its last (or first) thread, as "638…-123" in links.</summary>
public sealed record ListCursor(DateTimeOffset At, int Id)
{
    public override string ToString() => $"{At.UtcTicks.ToString(CultureInfo.InvariantCulture)}-{Id.ToString(CultureInfo.InvariantCulture)}";

    public static bool TryParse(string? text, out ListCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text)) return true;
        var parts = text.Split('-');
        if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks) return false;
        cursor = new ListCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id);
        return true;
    }
}

/// <summary>Keyset paging over (time, id): the rows after a cursor, in the list's order, for every list that pages this way.</summary>
public static class Keyset
{
    /// <summary>
    /// The rows older than the cursor, newest first; or, with <paramref name="newer"/>, the rows newer than it,
    /// oldest first (for the caller to turn round). Ties on the time are broken by the id, so no row is skipped or repeated.
    /// </summary>
    public static IOrderedQueryable<T> Page<T>(this IQueryable<T> rows, Expression<Func<T, DateTimeOffset>> at, Expression<Func<T, int>> id, ListCursor? from, bool newer = false)
    {
        if (from is { } c)
        {
            // Written as a lambda over a captured cursor, so EF sends the cursor as parameters (one cached query
            // for every page), then applied to this list's time and id.
            Expression<Func<DateTimeOffset, int, bool>> beyond = newer
                ? (rowAt, rowId) => rowAt > c.At || (rowAt == c.At && rowId > c.Id)
                : (rowAt, rowId) => rowAt < c.At || (rowAt == c.At && rowId < c.Id);
            var row = at.Parameters[0];
            var body = new Substitute(new()
            {
                [beyond.Parameters[0]] = at.Body,
                [beyond.Parameters[1]] = new Substitute(new() { [id.Parameters[0]] = row }).Visit(id.Body),
            }).Visit(beyond.Body);
            rows = rows.Where(Expression.Lambda<Func<T, bool>>(body, row));
        }
        return newer ? rows.OrderBy(at).ThenBy(id) : rows.OrderByDescending(at).ThenByDescending(id);
    }

    private sealed class Substitute(Dictionary<ParameterExpression, Expression> with) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => with.TryGetValue(node, out var e) ? e : node;
    }
}

/// <summary>
/// A hub's thread list, latest activity first, paged by keyset: "older" continues after the last thread shown, so a
/// page deep in the list costs what the first costs. A hub with sub-hubs reads each hub's index in order and merges
/// the few rows it needs (at most a page and one per hub), instead of sorting every thread of the tree.
/// </summary>
public static class HubPage
{
    public const int PageSize = 20;

    /// <summary>Beyond this many hubs in one tree the lists are read in one query and sorted (SQLite allows 500 parts in a UNION).</summary>
    public const int MaxMergedHubs = 100;

    public sealed record Query(string Slug, HubTab Tab, ListCursor? Before = null, ListCursor? After = null) : IQuery<Model?>;

    /// <param name="Total">Threads on this tab (from the counters); null for the unanswered tab, which is not counted.</param>
    /// <param name="Newer">Where the newer page ends (link with after=), null on the first page.</param>
    /// <param name="Older">Where the older page starts (link with before=), null on the last page.</param>
    public sealed record Model(
        HubNode Hub, IReadOnlyList<HubNode> Path, IReadOnlyList<HubNode> Children, HubTab Tab, int? Total,
        IReadOnlyList<ThreadRow> Threads, ListCursor? Newer, ListCursor? Older, IReadOnlyList<HubNode> AllHubs)
    {
        public bool IsFirstPage => Newer is null;
    }

    public sealed class ThreadKey
    {
        public DateTimeOffset At { get; init; }
        public int Id { get; init; }
    }

    public sealed class Handler(CommunityDb db, IMediator mediator) : IQueryHandler<Query, Model?>
    {
        public async ValueTask<Model?> Handle(Query q, CancellationToken ct)
        {
            var all = await mediator.Send(new HubDirectory.Query(), ct);
            var hub = all.FirstOrDefault(h => h.Slug == q.Slug);
            if (hub is null) return null;
            var ids = all.WithDescendants(hub.Id);

            List<ThreadKey> keys;
            ListCursor? newer = null, older = null;
            if (q.After is { } after && await Keys(db, ids, q.Tab, after, newer: true).ToListAsync(ct) is { Count: > PageSize } newerKeys)
            {
                keys = newerKeys.Take(PageSize).Reverse().ToList();
                newer = Cursor(keys[0]);
                older = Cursor(keys[^1]);
            }
            else
            {
                // Also when "newer" reaches the top of the list: that is the first page.
                var before = q.After is null ? q.Before : null;
                keys = await Keys(db, ids, q.Tab, before, newer: false).ToListAsync(ct);
                if (keys.Count > PageSize) { keys.RemoveAt(PageSize); older = Cursor(keys[^1]); }
                if (before is not null && keys.Count > 0) newer = Cursor(keys[0]);
            }

            var rows = await ThreadRows.InOrderAsync(db, keys.Select(k => k.Id).ToList(), ct);
            int? total = q.Tab switch { HubTab.Latest => all.TotalThreads(hub.Id), HubTab.Solved => all.TotalSolved(hub.Id), _ => null };

            var path = new List<HubNode>();
            for (var h = hub; h is not null; h = all.FirstOrDefault(x => x.Id == h.ParentId)) path.Insert(0, h);
            return new Model(hub, path, all.ChildrenOf(hub.Id).ToList(), q.Tab, total, rows, newer, older, all);
        }

        private static ListCursor Cursor(ThreadKey k) => new(k.At, k.Id);
    }

    /// <summary>The threads of one hub on a tab.</summary>
    public static IQueryable<ForumThread> Threads(CommunityDb db, int hubId, HubTab tab) =>
        db.Threads.AsNoTracking().Where(t => t.HubId == hubId).Where(Tab(tab));

    /// <summary>
    /// The next page and one more (to know whether there is a further page) of these hubs' threads from the cursor on:
    /// older (latest activity first) or, with <paramref name="newer"/>, newer (oldest first, for the caller to turn round).
    /// </summary>
    public static IQueryable<ThreadKey> Keys(CommunityDb db, IReadOnlyCollection<int> hubIds, HubTab tab, ListCursor? from, bool newer)
    {
        if (hubIds.Count > MaxMergedHubs)
        {
            var many = hubIds.ToList();
            return Page(db.Threads.AsNoTracking().Where(t => many.Contains(t.HubId)).Where(Tab(tab)), from, newer);
        }
        IQueryable<ThreadKey>? merged = null;
        foreach (var id in hubIds)
        {
            var part = Page(Threads(db, id, tab), from, newer);
            merged = merged is null ? part : merged.Concat(part);
        }
        if (hubIds.Count == 1) return merged!;
        var ordered = newer ? merged!.OrderBy(k => k.At).ThenBy(k => k.Id) : merged!.OrderByDescending(k => k.At).ThenByDescending(k => k.Id);
        return ordered.Take(PageSize + 1);
    }

    private static Expression<Func<ForumThread, bool>> Tab(HubTab tab) => tab switch
    {
        HubTab.Unanswered => t => t.AnswerCount == 0,
        HubTab.Solved => t => t.Status == ThreadStatus.Solved,
        _ => t => true,
    };

    private static IQueryable<ThreadKey> Page(IQueryable<ForumThread> threads, ListCursor? from, bool newer) =>
        threads.Page(t => t.LastActivityAt, t => t.Id, from, newer).Take(PageSize + 1).Select(t => new ThreadKey { At = t.LastActivityAt, Id = t.Id });
}
