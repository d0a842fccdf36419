namespace Community.Domain.Threads;

/// <summary>Limits on what a person may write; checked before anything is saved.</summary>
public static class ThreadRules
{
    public const int MinTitleLength = 8;
    public const int MaxTitleLength = 150;
    public const int MaxBodyLength = 30_000;
    public const int MaxTags = 5;
    public const int MaxTagLength = 30;

    public static IEnumerable<(string Field, string Message)> CheckTitle(string? title, string field = "Title")
    {
        var t = title?.Trim() ?? "";
        if (t.Length == 0) yield return (field, "Enter a title for your question.");
        else if (t.Length < MinTitleLength) yield return (field, $"The title must be at least {MinTitleLength} characters long.");
        else if (t.Length > MaxTitleLength) yield return (field, $"The title must be at most {MaxTitleLength} characters long (it has {t.Length}).");
    }

    public static IEnumerable<(string Field, string Message)> CheckBody(string? body, string field = "Body")
    {
        var b = body?.Trim() ?? "";
        if (b.Length == 0) yield return (field, "Write some text; an empty post cannot be saved.");
        else if (b.Length > MaxBodyLength) yield return (field, $"The text must be at most {MaxBodyLength:N0} characters long (it has {b.Length:N0}).");
    }

    /// <summary>Parses "iphone-16, akku  Display" into normalised tags; reports tags that are too long or too many.</summary>
    public static (IReadOnlyList<string> Tags, List<(string Field, string Message)> Errors) ParseTags(string? raw, string field = "Tags")
    {
        var errors = new List<(string, string)>();
        var tags = (raw ?? "")
            .Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => Slug.Normalize(t))
            .Where(t => t.Length > 0)
            .Distinct()
            .ToList();
        if (tags.Count > MaxTags) errors.Add((field, $"Use at most {MaxTags} tags."));
        var tooLong = tags.FirstOrDefault(t => t.Length > MaxTagLength);
        if (tooLong is not null) errors.Add((field, $"The tag \"{tooLong}\" is longer than {MaxTagLength} characters."));
        return (tags, errors);
    }
}
