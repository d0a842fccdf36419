using Community.Web.Data;
using Community.Web.Features.Threads;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Users;

public static class Profile
{
    public sealed record Query(string Name) : IQuery<Model?>;

    public sealed record TokenRow(int Id, string Name, string Prefix, string Scopes, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

    public sealed record Model(
        string Id, string Name, string Bio, DateTimeOffset JoinedAt, IReadOnlyList<string> Roles,
        int Questions, int Answers, int Solutions, int KudosReceived,
        IReadOnlyList<ThreadRow> RecentThreads, IReadOnlyList<ThreadRow> RecentlyAnswered);

    public sealed class Handler(CommunityDb db) : IQueryHandler<Query, Model?>
    {
        public async ValueTask<Model?> Handle(Query q, CancellationToken ct)
        {
            var normalized = q.Name.ToUpperInvariant();
            var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedUserName == normalized, ct);
            if (user is null) return null;
            var roles = await db.UserRoles.Where(ur => ur.UserId == user.Id)
                .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).ToListAsync(ct);
            var stats = await db.Posts.Where(p => p.AuthorId == user.Id && !p.IsHidden)
                .GroupBy(p => 1)
                .Select(g => new
                {
                    Questions = g.Count(p => p.IsQuestion),
                    Answers = g.Count(p => !p.IsQuestion),
                    Kudos = g.Sum(p => p.KudosCount),
                })
                .FirstOrDefaultAsync(ct);
            var solutions = await db.Threads.CountAsync(t => t.AcceptedPostId != null && db.Posts.Any(p => p.Id == t.AcceptedPostId && p.AuthorId == user.Id), ct);
            var recent = await db.Threads.AsNoTracking().Where(t => t.AuthorId == user.Id).Project(db)
                .OrderByDescending(r => r.LastActivityAt).Take(10).ToListAsync(ct);
            var answered = await db.Threads.AsNoTracking()
                .Where(t => db.Posts.Any(p => p.ThreadId == t.Id && !p.IsQuestion && p.AuthorId == user.Id)).Project(db)
                .OrderByDescending(r => r.LastActivityAt).Take(10).ToListAsync(ct);
            return new Model(user.Id, user.UserName!, user.Bio, user.JoinedAt, roles,
                stats?.Questions ?? 0, stats?.Answers ?? 0, solutions, stats?.Kudos ?? 0, recent, answered);
        }
    }
}
