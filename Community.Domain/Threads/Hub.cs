namespace Community.Domain.Threads;

/// <summary>A place where questions about one product family or device are asked (Smartphones > Apple > iPhone 16).</summary>
public class Hub
{
    public int Id { get; set; }
    public int? ParentId { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    /// <summary>The German name and description; empty falls back to the English ones (and the English ones to these).</summary>
    public string? NameDe { get; set; }
    public string? DescriptionDe { get; set; }
    public int SortOrder { get; set; }
    /// <summary>Visible threads asked in this hub itself (not its sub-hubs), kept in the transaction that changes them.</summary>
    public int ThreadCount { get; private set; }
    /// <summary>Of those, the solved ones.</summary>
    public int SolvedCount { get; private set; }
}

/// <summary>A hub's name and description in the reader's language, falling back to the other language.</summary>
public static class HubText
{
    public static string In(string? language, string english, string? german) =>
        language == "de" ? (string.IsNullOrWhiteSpace(german) ? english : german) : (string.IsNullOrWhiteSpace(english) ? german ?? "" : english);
}

/// <summary>What one thread adds to its hub's counters: nothing while hidden, one thread, and one solved while solved.</summary>
public readonly record struct HubShare(int HubId, int Threads, int Solved)
{
    public static readonly HubShare None = new(0, 0, 0);

    public bool IsNone => Threads == 0 && Solved == 0;
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
