namespace Community.Domain.Threads;

/// <summary>Limits on what a person may write; checked before anything is saved.</summary>
public static class ThreadRules
{
    public const int MinTitleLength = 8;
    public const int MaxTitleLength = 150;
    public const int MaxBodyLength = 30_000;
    public const int MaxTags = 5;
    public const int MaxTagLength = 30;

    public static IEnumerable<(string Field, UiMessage Message)> CheckTitle(string? title, string field = "Title")
    {
        var t = title?.Trim() ?? "";
        if (t.Length == 0) yield return (field, "Enter a title for your question.");
        else if (t.Length < MinTitleLength) yield return (field, UiMessage.Saying("The title must be at least {0} characters long.", MinTitleLength));
        else if (t.Length > MaxTitleLength) yield return (field, UiMessage.Saying("The title must be at most {0} characters long (it has {1}).", MaxTitleLength, t.Length));
    }

    public static IEnumerable<(string Field, UiMessage Message)> CheckBody(string? body, string field = "Body")
    {
        var b = body?.Trim() ?? "";
        if (b.Length == 0) yield return (field, "Write some text; an empty post cannot be saved.");
        else if (b.Length > MaxBodyLength) yield return (field, UiMessage.Saying("The text must be at most {0:N0} characters long (it has {1:N0}).", MaxBodyLength, b.Length));
        else if (NestingDepth(b) > MaxNesting) yield return (field, UiMessage.Saying("Quotes and lists can be nested at most {0} levels deep.", MaxNesting));
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
        (char Mark, int Length)? fence = null;
        foreach (var raw in markdown.Split('\n'))
        {
            // A fence opens with three or more backticks or tildes after at most three spaces (inside quotes too);
            // it closes with at least as many of the same character and nothing else.
            var afterQuotes = raw.TrimStart(' ', '>');
            var leading = afterQuotes.Length == raw.Length ? raw.Length - raw.TrimStart(' ').Length : 0;
            var run = afterQuotes.Length > 0 && afterQuotes[0] is '`' or '~' ? afterQuotes.TakeWhile(c => c == afterQuotes[0]).Count() : 0;
            if (fence is { } open)
            {
                if (run >= open.Length && afterQuotes[0] == open.Mark && afterQuotes[run..].Trim().Length == 0) fence = null;
                continue;
            }
            if (run >= 3 && leading <= 3 && !(afterQuotes[0] == '`' && afterQuotes[run..].Contains('`'))) fence = (afterQuotes[0], run);
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
            // A list marker after the indentation opens one level per four spaces of indentation.
            if (i < line.Length && (line[i] is '-' or '*' or '+' || char.IsAsciiDigit(line[i]))) depth += indent / 4 + 1;
            deepest = Math.Max(deepest, depth);
        }
        return deepest;
    }

    /// <summary>Parses "iphone-16, akku  Display" into normalised tags; reports tags that are too long or too many.</summary>
    public static (IReadOnlyList<string> Tags, List<(string Field, UiMessage Message)> Errors) ParseTags(string? raw, string field = "Tags")
    {
        var errors = new List<(string, UiMessage)>();
        var tags = (raw ?? "")
            .Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => Slug.Normalize(t))
            .Where(t => t.Length > 0)
            .Distinct()
            .ToList();
        if (tags.Count > MaxTags) errors.Add((field, UiMessage.Saying("Use at most {0} tags.", MaxTags)));
        var tooLong = tags.FirstOrDefault(t => t.Length > MaxTagLength);
        if (tooLong is not null) errors.Add((field, UiMessage.Saying("The tag \"{0}\" is longer than {1} characters.", tooLong, MaxTagLength)));
        return (tags, errors);
    }
}
