using Community.Domain.Reputation;
using Community.Web.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Reputation;

/// <summary>What a profile shows about reputation: total, badges and the hubs a person is strongest in.</summary>
public static class PersonReputation
{
    public sealed record Query(string UserId) : IQuery<Model>;

    public sealed record HubPoints(string Slug, string Name, int Points, int Solutions);

    public sealed record Model(int Reputation, string? Title, IReadOnlyList<(BadgeInfo Badge, DateTimeOffset AwardedAt)> Badges, IReadOnlyList<HubPoints> TopHubs);

    public sealed class Handler(CommunityDb db) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query q, CancellationToken ct)
        {
            var user = await db.Users.AsNoTracking().Where(u => u.Id == q.UserId).Select(u => new { u.Reputation, u.Title }).FirstAsync(ct);
            var badges = await db.UserBadges.AsNoTracking().Where(b => b.UserId == q.UserId).OrderBy(b => b.AwardedAt).ToListAsync(ct);
            // Only hubs the person has really helped in (ExpertLabel): one accepted answer does not make an expert.
            var hubs = await db.ReputationTotals.AsNoTracking().Where(t => t.UserId == q.UserId && t.HubId != ReputationDaily.AllHubs && t.Points > 0
                    && t.Solutions >= ExpertLabel.MinSolutions)
                .OrderByDescending(t => t.Points).Take(6)
                .Join(db.Hubs, t => t.HubId, h => h.Id, (t, h) => new HubPoints(h.Slug, h.Name, t.Points, t.Solutions))
                .ToListAsync(ct);
            var hubNames = badges.Any(b => b.Badge.Length > 12 && b.Badge.StartsWith("hero-", StringComparison.Ordinal))
                ? await db.Hubs.AsNoTracking().ToDictionaryAsync(h => h.Slug, h => h.Name, ct)
                : [];
            return new Model(user.Reputation, user.Title, badges.Select(b => (Describe(b.Badge, hubNames), b.AwardedAt)).ToList(), hubs);
        }

        private static BadgeInfo Describe(string key, Dictionary<string, string> hubNames)
        {
            var badge = Badges.Find(key) ?? new BadgeInfo(key, key, "");
            if (key.Length > 12 && Month.TryParse(key.Substring(5, 7), out var month) && hubNames.TryGetValue(key[13..], out var name))
                badge = Badges.HubHero(month, key[13..], name);
            return badge;
        }
    }
}
