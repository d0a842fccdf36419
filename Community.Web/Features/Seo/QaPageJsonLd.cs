using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Community.Web.Features.Threads;
using Community.Web.Infrastructure;

namespace Community.Web.Features.Seo;

/// <summary>
/// schema.org QAPage for a thread, as Google reads it: the question with its answer count and votes, the accepted
/// answer and the other (suggested) answers with their authors, dates, kudos and links. Hidden posts never appear.
/// </summary>
public static class QaPageJsonLd
{
    public static string For(ThreadView.Model t, PublicUrls urls)
    {
        var visible = t.Official.Concat(t.Answers).Where(a => !a.IsHidden).ToList();
        var accepted = t.Solution is { IsHidden: false } s ? s : null;
        var question = new JsonObject
        {
            ["@type"] = "Question",
            ["name"] = t.Title,
            ["text"] = t.Question.BodyMarkdown,
            // All answers, also those on later pages of a long thread (the page shows the first of them).
            ["answerCount"] = t.Official.Count(a => !a.IsHidden) + t.AnswersOnAllPages + (accepted is null ? 0 : 1),
            ["upvoteCount"] = t.Question.KudosCount,
            ["datePublished"] = Iso(t.Question.CreatedAt),
            ["author"] = Author(t.Question, urls),
        };
        if (t.Question.EditedAt is { } edited) question["dateModified"] = Iso(edited);
        if (accepted is not null) question["acceptedAnswer"] = Answer(accepted, t, urls);
        if (visible.Count > 0) question["suggestedAnswer"] = new JsonArray(visible.Select(a => (JsonNode)Answer(a, t, urls)).ToArray());
        var page = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "QAPage",
            ["mainEntity"] = question,
        };
        // The default encoder writes "<" as \u003C, so a post can never close the script element.
        return page.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }

    private static JsonObject Answer(ThreadView.PostView a, ThreadView.Model t, PublicUrls urls) => new()
    {
        ["@type"] = "Answer",
        ["text"] = a.BodyMarkdown,
        ["datePublished"] = Iso(a.CreatedAt),
        ["upvoteCount"] = a.KudosCount,
        ["url"] = urls.Absolute($"{t.Url}#post-{a.Id}"),
        ["author"] = Author(a, urls),
    };

    private static JsonObject Author(ThreadView.PostView p, PublicUrls urls) => new()
    {
        ["@type"] = "Person",
        ["name"] = p.AuthorName,
        ["url"] = urls.Absolute(Urls.Profile(p.AuthorName)),
    };

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
