using Community.Web.Data;
using Community.Web.Infrastructure;
using Community.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Users;

/// <summary>
/// <c>GET /mentions?q=ma</c>: up to 8 people whose name starts with what was typed after '@', the most helpful first,
/// for the composer's autocomplete (signed-in only; names are public on profiles anyway).
/// </summary>
public static class MentionSuggestions
{
    public const int Limit = 8;

    public sealed record Suggestion(string Name, string Avatar, int Reputation);

    public static void MapMentionSuggestions(this IEndpointRouteBuilder app) =>
        app.MapGet("/mentions", async (string? q, CommunityDb db, CancellationToken ct) =>
        {
            var prefix = (q ?? "").Trim().TrimStart('@');
            if (prefix.Length == 0 || prefix.Length > 64 || !prefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
                return Results.Ok(Array.Empty<Suggestion>());
            var upper = prefix.ToUpperInvariant();
            // The prefix walks the user-name index; of those the most helpful come first.
            var people = await db.Users.AsNoTracking().Where(u => u.NormalizedUserName!.StartsWith(upper) && u.DeletedAt == null)
                .OrderBy(u => u.NormalizedUserName).Take(50).Select(u => new { u.UserName, u.Reputation }).ToListAsync(ct);
            return Results.Ok(people.OrderByDescending(p => p.Reputation).ThenBy(p => p.UserName).Take(Limit)
                .Select(p => new Suggestion(p.UserName!, Urls.Avatar(p.UserName!), p.Reputation)));
        }).RequireAuthorization().RequireRateLimiting(RateLimitPolicies.Api).ExcludeFromDescription();
}
