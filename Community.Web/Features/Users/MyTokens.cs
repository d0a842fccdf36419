using Community.Web.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Users;

public static class MyTokens
{
    public sealed record Query(string UserId) : IQuery<IReadOnlyList<Profile.TokenRow>>;

    public sealed class Handler(CommunityDb db) : IQueryHandler<Query, IReadOnlyList<Profile.TokenRow>>
    {
        public async ValueTask<IReadOnlyList<Profile.TokenRow>> Handle(Query q, CancellationToken ct) =>
            await db.ApiTokens.AsNoTracking().Where(t => t.UserId == q.UserId)
                .OrderByDescending(t => t.CreatedAt)
                .Select(t => new Profile.TokenRow(t.Id, t.Name, t.Prefix, t.Scopes, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt))
                .ToListAsync(ct);
    }
}
