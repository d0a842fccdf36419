using Community.Web.Data;
using Community.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Community.Web.Features.Tags;

/// <summary>
/// <c>GET /tag-suggestions?q=wl</c>: up to 8 existing tags starting with what was typed, the most used first, so askers
/// reuse "wlan" instead of inventing "wifi-problem". Remembered for five minutes per prefix.
/// </summary>
public static class TagSuggestions
{
    public const int Limit = 8;

    public sealed record Suggestion(string Tag, int Threads);

    public static void MapTagSuggestions(this IEndpointRouteBuilder app) =>
        app.MapGet("/tag-suggestions", async (string? q, CommunityDb db, IMemoryCache cache, CancellationToken ct) =>
        {
            var prefix = (q ?? "").Trim().ToLowerInvariant();
            if (prefix.Length == 0 || prefix.Length > 40) return Results.Ok(Array.Empty<Suggestion>());
            var list = await cache.GetOrCreateAsync("tag-suggest:" + prefix, async entry =>
            {
                entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5);
                entry.Size = 1;
                // Joined with the threads, so tags of hidden threads (spam a moderator removed) are not offered.
                var rows = await db.ThreadTags.AsNoTracking().Where(t => t.Tag.StartsWith(prefix) && db.Threads.Any(th => th.Id == t.ThreadId))
                    .GroupBy(t => t.Tag).Select(g => new { Tag = g.Key, Threads = g.Count() })
                    .OrderByDescending(s => s.Threads).ThenBy(s => s.Tag).Take(Limit).ToListAsync(ct);
                return rows.Select(r => new Suggestion(r.Tag, r.Threads)).ToList();
            });
            return Results.Ok(list);
        }).RequireRateLimiting(RateLimitPolicies.Search).ExcludeFromDescription();
}
