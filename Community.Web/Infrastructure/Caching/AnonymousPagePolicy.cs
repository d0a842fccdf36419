using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Community.Web.Infrastructure.Caching;

/// <summary>
/// Pages an anonymous visitor sees (home, hubs, threads, leaderboards, profiles, feeds, the sitemap) are served from
/// the output cache: one entry per address, query, language, regional format, theme and encoding. A request with a
/// sign-in cookie or a bearer token is never answered from the cache and never stored, so nobody gets somebody
/// else's page. Writes evict what they change by tag (<see cref="PageCache"/>); entries also expire after
/// <see cref="Duration"/>. Browsers and CDNs may keep the page for <see cref="SharedMaxAge"/>.
/// </summary>
public sealed class AnonymousPagePolicy(TimeSpan duration, bool enabled = true, bool forEveryone = false) : IOutputCachePolicy
{
    public const string Name = "AnonymousPage";
    /// <summary>Documents that are the same for everybody (feeds, the sitemap): cached for signed-in requests too.</summary>
    public const string PublicDocument = "PublicDocument";
    /// <summary>Every cached page.</summary>
    public const string AllTag = "pages";
    /// <summary>Every cached page but thread pages: lists change with almost any write.</summary>
    public const string ListsTag = "lists";
    public const string HitHeader = "X-Cache";
    public static readonly TimeSpan SharedMaxAge = TimeSpan.FromSeconds(10);

    public TimeSpan Duration { get; } = duration;

    public static string ThreadTag(int threadId) => "thread:" + threadId.ToString(CultureInfo.InvariantCulture);

    public static bool IsAnonymous(HttpContext http) =>
        !http.Request.Cookies.ContainsKey(AuthCookieName) && !http.Request.Headers.ContainsKey(HeaderNames.Authorization)
        && http.User.Identity?.IsAuthenticated != true;

    public const string AuthCookieName = "community.auth";

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var cacheable = enabled && (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)) && (forEveryone || IsAnonymous(http));
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = Duration;
        context.CacheVaryByRules.QueryKeys = "*";
        // The cache sits outside response compression: it keeps the compressed body for each encoding asked for.
        context.CacheVaryByRules.HeaderNames = new StringValues(HeaderNames.AcceptEncoding);
        context.CacheVaryByRules.VaryByValues["ui"] = CultureInfo.CurrentUICulture.Name;
        context.CacheVaryByRules.VaryByValues["formats"] = CultureInfo.CurrentCulture.Name;
        context.CacheVaryByRules.VaryByValues["theme"] = http.Request.Cookies[Branding.CookieName] ?? "";
        if (cacheable)
            http.Response.OnStarting(() =>
            {
                // Only a page that may be stored is fit for a CDN too; a page that sets a cookie is somebody's own.
                if (http.Response.StatusCode == StatusCodes.Status200OK && !http.Response.Headers.ContainsKey(HeaderNames.SetCookie))
                    http.Response.Headers.CacheControl = $"public, max-age={(int)SharedMaxAge.TotalSeconds}";
                return Task.CompletedTask;
            });
        context.Tags.Add(AllTag);
        context.Tags.Add(http.Request.RouteValues.TryGetValue("id", out var id) && http.Request.RouteValues["page"] is "/Threads/Thread"
            && int.TryParse(id?.ToString(), CultureInfo.InvariantCulture, out var threadId)
            ? ThreadTag(threadId)
            : ListsTag);
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken ct)
    {
        context.HttpContext.RequestServices.GetService<Observability.CommunityMetrics>()?.PageCacheHit();
        var response = context.HttpContext.Response;
        response.OnStarting(() =>
        {
            response.Headers[HitHeader] = "HIT";
            return Task.CompletedTask;
        });
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken ct)
    {
        if (context.AllowCacheLookup) context.HttpContext.RequestServices.GetService<Observability.CommunityMetrics>()?.PageCacheMiss();
        var response = context.HttpContext.Response;
        // A page that sets a cookie (an antiforgery token, a language choice) is somebody's own: not stored.
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.ContainsKey(HeaderNames.SetCookie)) context.AllowCacheStorage = false;
        return ValueTask.CompletedTask;
    }
}
