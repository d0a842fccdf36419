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
        else if (NestingDepth(b) > MaxNesting) yield return (field, $"Quotes and lists can be nested at most {MaxNesting} levels deep.");
    }

    /// <summary>Markdig gives up on very deep nesting (128 levels); well below that a post is unreadable anyway.</summary>
    public const int MaxNesting = 16;

    /// <summary>
    /// The deepest nesting of quotes ("&gt; &gt; &gt;") and list items on any line outside fenced code (where
    /// indentation is just text). A list level is counted per four spaces, the most CommonMark needs.
    /// </summary>
    public static int NestingDepth(string markdown)
    {
        var deepest = 0;
        string? fence = null;
        foreach (var raw in markdown.Split('\n'))
        {
            var trimmed = raw.TrimStart(' ', '>');
            if (fence is not null)
            {
                if (trimmed.StartsWith(fence, StringComparison.Ordinal)) fence = null;
                continue;
            }
            if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal)) fence = trimmed[..3];
            var line = raw;
            int depth = 0, indent = 0, i = 0;
            for (; i < line.Length; i++)
            {
                var c = line[i];
                if (c == '>') depth++;
                else if (c == ' ') indent++;
                else if (c == '\t') indent += 4;
                else break;
            }
            // A list marker after the indentation opens one level per two spaces of indentation.
            if (i < line.Length && (line[i] is '-' or '*' or '+' || char.IsAsciiDigit(line[i]))) depth += indent / 4 + 1;
            deepest = Math.Max(deepest, depth);
        }
        return deepest;
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
