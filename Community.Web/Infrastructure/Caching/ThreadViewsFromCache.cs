using Community.Web.Features.Dashboard;

namespace Community.Web.Infrastructure.Caching;

/// <summary>
/// A thread page served from the cache never reaches its page model, which counts the read of a solved thread for
/// the value dashboard; this counts those reads instead, for threads the page model has seen solved.
/// </summary>
public static class ThreadViewsFromCache
{
    public const string CountedItem = "thread-view-counted";

    public static void UseThreadViewsFromCache(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        await next(context);
        if (context.Response.StatusCode == StatusCodes.Status200OK && !context.Items.ContainsKey(CountedItem)
            && context.Request.RouteValues["page"] is "/Threads/Thread" && int.TryParse(context.Request.RouteValues["id"]?.ToString(), out var threadId))
            context.RequestServices.GetRequiredService<ViewCounter>().CountCachedRead(threadId, context);
    });
}
