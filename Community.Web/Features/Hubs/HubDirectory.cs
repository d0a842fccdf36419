using Community.Domain.Threads;
using Community.Web.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Hubs;

/// <summary>Every hub with its thread counts, and helpers over that list (the tree rules themselves are Community.Domain.Threads.HubTree).</summary>
public static class HubDirectory
{
    /// <summary>
    /// All hubs with their thread counts (maintained by <see cref="HubCounters"/>): one query of a few dozen rows.
    /// Names and descriptions are in the request's language (German or English, each falling back to the other).
    /// </summary>
    public sealed record Query : IQuery<IReadOnlyList<HubNode>>;

    public sealed class Handler(CommunityDb db) : IQueryHandler<Query, IReadOnlyList<HubNode>>
    {
        public async ValueTask<IReadOnlyList<HubNode>> Handle(Query q, CancellationToken ct)
        {
            var hubs = await db.Hubs.AsNoTracking().OrderBy(h => h.SortOrder).ThenBy(h => h.Name).ToListAsync(ct);
            var language = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
            return hubs.Select(h => new HubNode(h.Id, h.ParentId, h.Slug, HubText.In(language, h.Name, h.NameDe), HubText.In(language, h.Description, h.DescriptionDe),
                h.ThreadCount, h.SolvedCount)).ToList();
        }
    }

    public static IEnumerable<HubNode> ChildrenOf(this IReadOnlyList<HubNode> all, int? parentId) => all.Where(h => h.ParentId == parentId);

    /// <summary>Every hub after its parent, with how deep it sits: the order of a hub picker.</summary>
    public static IEnumerable<(HubNode Hub, int Depth)> InTreeOrder(this IReadOnlyList<HubNode> all, int? parentId = null, int depth = 0)
    {
        foreach (var h in all.ChildrenOf(parentId))
        {
            yield return (h, depth);
            foreach (var below in all.InTreeOrder(h.Id, depth + 1)) yield return below;
        }
    }

    /// <summary>The hub and every hub below it.</summary>
    public static List<int> WithDescendants(this IReadOnlyList<HubNode> all, int id) =>
        HubTree.WithDescendants(all.Select(h => (h.Id, h.ParentId)), [id]);

    /// <summary>Threads in a hub including its sub-hubs.</summary>
    public static int TotalThreads(this IReadOnlyList<HubNode> all, int id) => all.WithDescendants(id).Sum(x => all.First(h => h.Id == x).ThreadCount);

    /// <summary>Solved threads in a hub including its sub-hubs.</summary>
    public static int TotalSolved(this IReadOnlyList<HubNode> all, int id) => all.WithDescendants(id).Sum(x => all.First(h => h.Id == x).SolvedCount);
}
