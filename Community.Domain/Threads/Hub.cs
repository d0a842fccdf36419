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

/// <summary>What an admin may set on a hub: a lasting address, a name (English required, German optional), and a place in the tree.</summary>
public static class HubRules
{
    public const int MaxNameLength = 80;
    public const int MaxDescriptionLength = 300;
    public const int MaxSlugLength = 60;

    /// <summary>The fields of a new or changed hub; the slug only for a new one (addresses never change: links and feeds point at them).</summary>
    public static IEnumerable<(string Field, UiMessage Message)> Check(string? slug, bool isNew, string? name, string? description, string? nameDe, string? descriptionDe, int sortOrder)
    {
        if (isNew && SlugProblem(slug) is { } slugProblem) yield return ("Slug", slugProblem);
        if (Tidy(name) is null) yield return ("Name", "Enter the hub's English name.");
        else if (UnicodeText.Clean(name!).Trim().Length > MaxNameLength) yield return ("Name", UiMessage.Saying("The name must be at most {0} characters long.", MaxNameLength));
        if (nameDe is not null && UnicodeText.Clean(nameDe).Trim().Length > MaxNameLength) yield return ("NameDe", UiMessage.Saying("The name must be at most {0} characters long.", MaxNameLength));
        if (description is not null && UnicodeText.Clean(description).Trim().Length > MaxDescriptionLength)
            yield return ("Description", UiMessage.Saying("The description must be at most {0} characters long.", MaxDescriptionLength));
        if (descriptionDe is not null && UnicodeText.Clean(descriptionDe).Trim().Length > MaxDescriptionLength)
            yield return ("DescriptionDe", UiMessage.Saying("The description must be at most {0} characters long.", MaxDescriptionLength));
        if (sortOrder is < -10_000 or > 10_000) yield return ("SortOrder", "The position must be between -10000 and 10000.");
    }

    /// <summary>Lower-case letters, digits and single hyphens, as <see cref="Slug.Normalize"/> makes them from a name.</summary>
    public static UiMessage? SlugProblem(string? slug)
    {
        if (string.IsNullOrWhiteSpace(slug)) return "Enter the hub's address (for example \"iphone-16\").";
        if (slug.Length is < 2 or > MaxSlugLength) return UiMessage.Saying("The address must be 2 to {0} characters long.", MaxSlugLength);
        if (Slug.Normalize(slug) != slug) return "The address may only contain lower-case letters a–z, digits and single hyphens between them.";
        return null;
    }

    /// <summary>
    /// Why <paramref name="parentId"/> cannot be the parent of <paramref name="hubId"/> (null for a new hub), or null:
    /// the parent must exist and may not be the hub itself or one of the hubs below it (that would make a loop).
    /// </summary>
    public static UiMessage? ParentProblem(int? hubId, int? parentId, IReadOnlyCollection<(int Id, int? ParentId)> hubs)
    {
        if (parentId is not { } parent) return null;
        if (hubs.All(h => h.Id != parent)) return "The chosen parent hub does not exist.";
        if (hubId is { } id && HubTree.WithDescendants(hubs, [id]).Contains(parent))
            return "A hub cannot be placed inside itself or inside one of its own sub-hubs.";
        return null;
    }

    /// <summary>What is stored: the text cleaned and trimmed, an empty German text as none (it falls back to English).</summary>
    public static string? Tidy(string? text) => string.IsNullOrWhiteSpace(text) ? null : UnicodeText.Clean(text).Trim() is { Length: > 0 } tidy ? tidy : null;
}
