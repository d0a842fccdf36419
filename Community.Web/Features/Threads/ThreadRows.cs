using Community.Domain.Threads;
using Community.Web.Data;
using Microsoft.EntityFrameworkCore;

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
            Id = t.Id, Title = t.Title, Slug = t.Slug, HubSlug = h.Slug, HubName = h.Name, HubNameDe = h.NameDe, AuthorName = u.UserName!, AuthorReputation = u.Reputation, AuthorTitle = u.Title,
            AnswerCount = t.AnswerCount, Status = t.Status, LastActivityAt = t.LastActivityAt, Tags = t.Tags,
        };

    /// <summary>These threads as rows in the order given (an id may come twice); threads no longer visible are left out.</summary>
    public static async Task<IReadOnlyList<ThreadRow>> InOrderAsync(CommunityDb db, IReadOnlyList<int> ids, CancellationToken ct)
    {
        var distinct = ids.Distinct().ToList();
        var rows = (await db.Threads.AsNoTracking().Where(t => distinct.Contains(t.Id)).Project(db).ToListAsync(ct)).ToDictionary(r => r.Id);
        return ids.Where(rows.ContainsKey).Select(id => rows[id]).ToList();
    }
}
