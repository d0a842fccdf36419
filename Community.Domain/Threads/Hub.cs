namespace Community.Domain.Threads;

/// <summary>A place where questions about one product family or device are asked (Smartphones > Apple > iPhone 16).</summary>
public class Hub
{
    public int Id { get; set; }
    public int? ParentId { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public int SortOrder { get; set; }
}

public static class HubTree
{
    /// <summary>The given hubs and every hub below them, each once (a cycle in bad data cannot loop forever).</summary>
    public static List<int> WithDescendants(IEnumerable<(int Id, int? ParentId)> hubs, IEnumerable<int> roots)
    {
        var children = hubs.Where(h => h.ParentId is not null).ToLookup(h => h.ParentId!.Value, h => h.Id);
        var result = new List<int>();
        var seen = new HashSet<int>();
        foreach (var root in roots) if (seen.Add(root)) result.Add(root);
        for (var i = 0; i < result.Count; i++)
            foreach (var child in children[result[i]])
                if (seen.Add(child)) result.Add(child);
        return result;
    }
}
