using System.Text;
using Community.Domain.Threads;

namespace Community.Domain.Search;

/// <summary>Which threads a search may return besides its words: hubs (with their sub-hubs), solved or not, a tag, how recent.</summary>
public sealed record SearchFilter(IReadOnlyCollection<int>? HubIds = null, ThreadStatus? Status = null, bool Unsolved = false, string? Tag = null)
{
    public static readonly SearchFilter None = new();
}

/// <summary>
/// What a visitor typed, reduced to plain words. The full-text MATCH expression is built from quoted terms only,
/// so operators such as NEAR(, *, " or unbalanced parentheses in the input can never reach the query parser.
/// </summary>
public sealed class SearchQuery
{
    public const int MaxTerms = 12;
    public const int MaxLength = 200;

    /// <summary>The folded words, in the order typed.</summary>
    public IReadOnlyList<string> Terms { get; }

    private SearchQuery(IReadOnlyList<string> terms) => Terms = terms;

    public bool IsEmpty => Terms.Count == 0;

    public static SearchQuery Parse(string? input)
    {
        var text = input ?? "";
        if (text.Length > MaxLength) text = text[..MaxLength];
        var terms = SearchText.Words(SearchText.Prepare(text))
            .Select(w => SearchText.Fold(w.Word))
            .Distinct()
            .Take(MaxTerms)
            .ToList();
        return new SearchQuery(terms);
    }

    /// <summary>A query of these terms (a spelling correction), each once.</summary>
    public static SearchQuery Of(IEnumerable<string> terms) => new(terms.Distinct().Take(MaxTerms).ToList());

    public override string ToString() => string.Join(' ', Terms);

    /// <summary>The stems every term is looked up by.</summary>
    public IReadOnlyList<IReadOnlyList<string>> StemsPerTerm() =>
        Terms.Select(t => { var (de, en) = SearchText.Stems(t); return (IReadOnlyList<string>)(en is null ? [de] : [de, en]); }).ToList();

    /// <summary>Every stem of every term: what a snippet marks.</summary>
    public IReadOnlySet<string> AllStems() => StemsPerTerm().SelectMany(s => s).ToHashSet(StringComparer.Ordinal);

    /// <summary>The last term as typed so far ("rout" while typing "router"): a snippet marks words that start with it.</summary>
    public string? TypedPrefix => Terms.Count > 0 && Terms[^1].Length >= 3 ? Terms[^1] : null;

    /// <summary>
    /// An FTS5 MATCH expression. By default all terms must occur, each by either stem. With <paramref name="anyTerm"/>
    /// any term is enough and every term is also a prefix, for "similar questions" while a person types; that form is
    /// limited to the text columns (a prefix could otherwise reach a facet). A plain term never matches a facet: facets
    /// contain "_", which a term cannot. Prefix queries are left out of the search page on purpose: they merge the
    /// posting lists of every word with that prefix and cost ten times more on a large index.
    /// The filter's facets are ANDed on.
    /// </summary>
    public string ToFtsMatch(bool anyTerm = false, SearchFilter? filter = null)
    {
        if (IsEmpty) return "";
        var stems = StemsPerTerm();
        var sb = new StringBuilder(anyTerm ? "{title question answers tags} : (" : "(");
        for (var i = 0; i < Terms.Count; i++)
        {
            if (i > 0) sb.Append(anyTerm ? " OR " : " AND ");
            sb.Append('(');
            var alternatives = stems[i].Select(s => '"' + s + '"').ToList();
            // While typing, the word so far and its stems are prefixes: "Einstellun" reaches "einstell".
            if (anyTerm && Terms[i].Length >= 3) alternatives.AddRange(stems[i].Append(Terms[i]).Where(s => s.Length >= 3).Select(s => '"' + s + "\"*"));
            sb.AppendJoin(" OR ", alternatives.Distinct()).Append(')');
        }
        sb.Append(')');
        if (filter is null) return sb.ToString();
        if (filter.HubIds is { Count: > 0 } hubs)
            sb.Append(" AND facets : (").AppendJoin(" OR ", hubs.Select(h => '"' + SearchDocument.HubFacet(h) + '"')).Append(')');
        if (filter.Status is { } status) sb.Append(" AND facets : \"").Append(SearchDocument.StatusFacet(status)).Append('"');
        if (filter.Unsolved) sb.Append(" NOT facets : \"").Append(SearchDocument.StatusFacet(ThreadStatus.Solved)).Append('"');
        if (!string.IsNullOrWhiteSpace(filter.Tag)) sb.Append(" AND facets : \"").Append(SearchDocument.TagFacet(filter.Tag)).Append('"');
        return sb.ToString();
    }

    /// <summary>
    /// The same query for PostgreSQL's <c>to_tsquery('simple', …)</c>: the stems are quoted lexemes (a quote or a
    /// backslash in one is escaped), joined by &amp; or |, prefixes as <c>:*</c>; nothing typed reaches the tsquery
    /// parser as an operator. Facet filters are columns of their own there, not part of the text query.
    /// </summary>
    public string ToTsQuery(bool anyTerm = false)
    {
        if (IsEmpty) return "";
        var stems = StemsPerTerm();
        static string Lexeme(string s) => "'" + s.Replace("\\", "\\\\").Replace("'", "''") + "'";
        var sb = new StringBuilder();
        for (var i = 0; i < Terms.Count; i++)
        {
            if (i > 0) sb.Append(anyTerm ? " | " : " & ");
            var alternatives = stems[i].Select(Lexeme).ToList();
            if (anyTerm && Terms[i].Length >= 3) alternatives.AddRange(stems[i].Append(Terms[i]).Where(s => s.Length >= 3).Select(s => Lexeme(s) + ":*"));
            sb.Append('(').AppendJoin(" | ", alternatives.Distinct()).Append(')');
        }
        return sb.ToString();
    }
}
