using Community.Domain.Reputation;
using Community.Domain.Ranks;
using Community.Domain.Threads;
using Community.Web.Data;
using Community.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Community.Web.Features.Users;

/// <summary>
/// <c>GET /u/{name}/card</c>: a small card about a person (rank, points, solutions, the hubs they are strongest in),
/// shown next to their name on hover or keyboard focus (wwwroot/js/cards.js). Public facts only, as on the profile.
/// </summary>
public static class UserCard
{
    public sealed record Card(string Name, string Rank, int Points, int Solutions, IReadOnlyList<string> TopHubs, string Avatar, string Profile, string Html);

    public static void MapUserCards(this IEndpointRouteBuilder app) =>
        app.MapGet("/u/{name}/card", async (string name, CommunityDb db, RankLadder ranks, IStringLocalizer<SharedResource> L, Microsoft.AspNetCore.Identity.ILookupNormalizer normalizer, CancellationToken ct) =>
        {
            var normalized = normalizer.NormalizeName(name);
            var person = await db.Users.AsNoTracking().Where(u => u.NormalizedUserName == normalized && u.DeletedAt == null)
                .Select(u => new { u.Id, u.UserName, u.Reputation }).FirstOrDefaultAsync(ct);
            if (person is null) return Results.NotFound();
            var all = await db.ReputationTotals.AsNoTracking().Where(t => t.UserId == person.Id && t.HubId == ReputationDaily.AllHubs)
                .Select(t => (int?)t.Solutions).FirstOrDefaultAsync(ct) ?? 0;
            var language = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
            var hubs = (await db.ReputationTotals.AsNoTracking().Where(t => t.UserId == person.Id && t.HubId != ReputationDaily.AllHubs && t.Points > 0)
                    .OrderByDescending(t => t.Points).Take(3)
                    .Join(db.Hubs, t => t.HubId, h => h.Id, (t, h) => new { h.Name, h.NameDe }).ToListAsync(ct))
                .Select(h => HubText.In(language, h.Name, h.NameDe)).ToList();
            var rank = ranks.RankFor(person.Reputation).DisplayName();
            var enc = System.Text.Encodings.Web.HtmlEncoder.Default;
            var facts = L.PointsAndSolutions(person.Reputation, all, " · ");
            var html = $"<img class=\"avatar large\" src=\"{enc.Encode(Infrastructure.Urls.Avatar(person.UserName!))}\" alt=\"\" width=\"48\" height=\"48\" />" +
                       $"<strong>{enc.Encode(person.UserName!)}</strong> <span class=\"rank\">{enc.Encode(rank)}</span><br />{enc.Encode(facts)}" +
                       (hubs.Count == 0 ? "" : $"<br /><span class=\"meta\">{enc.Encode(L["Strongest in: {0}", string.Join(", ", hubs)].Value)}</span>");
            return Results.Ok(new Card(person.UserName!, rank, person.Reputation, all, hubs, Infrastructure.Urls.Avatar(person.UserName!), Infrastructure.Urls.Profile(person.UserName!), html));
        }).RequireRateLimiting(Infrastructure.Security.RateLimitPolicies.Api).ExcludeFromDescription();
}
