using Community.Domain.Threads;
using Community.Web.Data;
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

public static class ThreadRows
{
    /// <summary>Threads with their hub and author in one query; sort and page after this (member-init keeps it composable).</summary>
    public static IQueryable<ThreadRow> Project(this IQueryable<ForumThread> threads, CommunityDb db) =>
        from t in threads
        join h in db.Hubs on t.HubId equals h.Id
        join u in db.Users on t.AuthorId equals u.Id
        select new ThreadRow
        {
            Id = t.Id, Title = t.Title, Slug = t.Slug, HubSlug = h.Slug, HubName = h.Name, AuthorName = u.UserName!, AuthorReputation = u.Reputation, AuthorTitle = u.Title,
            AnswerCount = t.AnswerCount, Status = t.Status, LastActivityAt = t.LastActivityAt, Tags = t.Tags,
        };
}
