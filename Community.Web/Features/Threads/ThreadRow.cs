using Community.Domain.Threads;
using Community.Web.Infrastructure;

namespace Community.Web.Features.Threads;

/// <summary>One line of a thread list (home, hub, profile, search).</summary>
public sealed record ThreadRow
{
    public int Id { get; init; }
    public string Title { get; init; } = "";
    public string Slug { get; init; } = "";
    public string HubSlug { get; init; } = "";
    public string HubName { get; init; } = "";
    public string? HubNameDe { get; init; }
    /// <summary>The hub's name in the reader's language.</summary>
    public string HubLabel => HubText.In(System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, HubName, HubNameDe);
    public string AuthorName { get; init; } = "";
    public int AuthorReputation { get; init; }
    public string? AuthorTitle { get; init; }
    public int AnswerCount { get; init; }
    public ThreadStatus Status { get; init; }
    public DateTimeOffset LastActivityAt { get; init; }
    public string Tags { get; init; } = "";

    public string Url => Urls.Thread(Id, Slug);
    public IEnumerable<string> TagList => Tags.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
