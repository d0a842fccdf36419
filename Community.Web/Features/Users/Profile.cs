using Community.Domain.Reputation;
using Community.Web.Data;
using Community.Web.Features.Threads;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Users;

public static class Profile
{
    public const int RecentCount = 10;

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
            // Answers and solutions come from the maintained totals (all hubs), questions from the person's own index.
            var totals = await db.ReputationTotals.AsNoTracking().Where(t => t.HubId == ReputationDaily.AllHubs && t.UserId == user.Id)
                .Select(t => new { t.Answers, t.Solutions }).FirstOrDefaultAsync(ct);
            var questions = await db.Threads.CountAsync(t => t.AuthorId == user.Id, ct);
            var kudos = await db.Posts.Where(p => p.AuthorId == user.Id && !p.IsHidden).SumAsync(p => p.KudosCount, ct);
            var recent = (await Activity.AskedThreadsAsync(db, user.Id, null, RecentCount, ct)).Rows;
            var answered = await Activity.RecentlyAnsweredAsync(db, user.Id, RecentCount, ct);
            return new Model(user.Id, user.UserName!, user.Bio, user.JoinedAt, roles,
                questions, totals?.Answers ?? 0, totals?.Solutions ?? 0, kudos, recent, answered);
        }
    }
}
