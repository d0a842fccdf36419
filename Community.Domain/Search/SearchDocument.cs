using System.Text;
using Community.Domain.Threads;

namespace Community.Domain.Search;

/// <summary>
/// One thread as the search index holds it: one document per thread, so a common word ranks threads, not every post.
/// The columns are weighted (title above tags above question above answers, <see cref="Weights"/>). Answers are
/// capped: the solution first, then the most kudos, up to <see cref="MaxAnswers"/> answers and
/// <see cref="MaxAnswerChars"/> characters, so a new answer in a 300-answer thread re-indexes a bounded amount of text.
/// Facets (hub, status, tags) are tokens of their own column, so filters are part of the full-text match.
/// </summary>
public sealed record SearchDocument(string Title, string Question, string Answers, string Tags, string Facets)
{
    public const int MaxAnswers = 40;
    public const int MaxAnswerChars = 32_000;

    /// <summary>bm25 weights for title, question, answers, tags, facets.</summary>
    public static readonly double[] Weights = [10.0, 3.0, 1.0, 6.0, 0.0];

    /// <summary>A thread's answers in the order the document keeps them.</summary>
    public sealed record AnswerText(string Text, bool IsSolution, int Kudos, DateTimeOffset CreatedAt);

    /// <param name="index">How a text becomes stems (<see cref="SearchText.ToIndexed"/>); a bulk import may pass a memoizing one.</param>
    public static SearchDocument Build(int hubId, ThreadStatus status, string title, string tags, string question, IEnumerable<AnswerText> answers,
        Func<string, int, string>? index = null)
    {
        index ??= SearchText.ToIndexed;
        var kept = new StringBuilder();
        var chars = 0;
        foreach (var a in answers.OrderByDescending(a => a.IsSolution).ThenByDescending(a => a.Kudos).ThenBy(a => a.CreatedAt).Take(MaxAnswers))
        {
            if (chars >= MaxAnswerChars) break;
            kept.Append(index(a.Text, MaxAnswerChars - chars));
            chars += a.Text.Length;
        }
        var tagList = ThreadTags(tags).ToList();
        var facets = new StringBuilder().Append(HubFacet(hubId)).Append(' ').Append(StatusFacet(status));
        foreach (var t in tagList) facets.Append(' ').Append(TagFacet(t));
        return new SearchDocument(index(title, int.MaxValue), index(question, int.MaxValue), kept.ToString(),
            index(string.Join(' ', tagList), int.MaxValue), facets.ToString());
    }

    public static string HubFacet(int hubId) => "hub_" + hubId;

    public static string StatusFacet(ThreadStatus status) => "status_" + status.ToString().ToLowerInvariant();

    /// <summary>A tag as one facet token: normalized as tags are stored ("Gerät" is "geraet"), "-" as "_".</summary>
    public static string TagFacet(string tag) => "tag_" + Slug.Normalize(tag).Replace('-', '_');

    private static IEnumerable<string> ThreadTags(string tags) =>
        tags.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
