using Community.Domain.Threads;
using Community.Web.Data;

namespace Community.Web.Features.Threads;

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
