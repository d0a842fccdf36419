using Microsoft.AspNetCore.StaticFiles;

namespace Community.Web.Infrastructure.Caching;

/// <summary>Versioned asset URLs (<c>asp-append-version</c> adds <c>?v=hash</c>) are cached for a year; others for an hour.</summary>
public static class StaticFileCaching
{
    public static void Apply(StaticFileResponseContext context) =>
        context.Context.Response.Headers.CacheControl = context.Context.Request.Query.ContainsKey("v")
            ? "public, max-age=31536000, immutable"
            : "public, max-age=3600";
}
