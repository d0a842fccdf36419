using System.Text;
using System.Text.RegularExpressions;

namespace Community.Domain.Search;

/// <summary>
/// What a visitor typed, reduced to plain words. The FTS5 MATCH expression is built from quoted terms only,
/// so operators such as NEAR(, *, " or unbalanced parentheses in the input can never reach the query parser.
/// </summary>
public sealed partial class SearchQuery
{
    public const int MaxTerms = 12;
    public const int MaxLength = 200;

    public IReadOnlyList<string> Terms { get; }

    private SearchQuery(IReadOnlyList<string> terms) => Terms = terms;

    public bool IsEmpty => Terms.Count == 0;

    public static SearchQuery Parse(string? input)
    {
        var text = input ?? "";
        if (text.Length > MaxLength) text = text[..MaxLength];
        var terms = Word().Matches(text)
            .Select(m => m.Value.ToLowerInvariant())
            .Distinct()
            .Take(MaxTerms)
            .ToList();
        return new SearchQuery(terms);
    }

    /// <summary>
    /// By default all terms must occur and the last may be a prefix ("rout" finds "router"), as a person types.
    /// With <paramref name="anyTerm"/> any term is enough and every term is a prefix: for "similar questions".
    /// </summary>
    public string ToFtsMatch(bool anyTerm = false)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < Terms.Count; i++)
        {
            if (i > 0) sb.Append(anyTerm ? " OR " : " ");
            sb.Append('"').Append(Terms[i]).Append('"');
            if ((anyTerm || i == Terms.Count - 1) && Terms[i].Length >= 3) sb.Append('*');
        }
        return sb.ToString();
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
