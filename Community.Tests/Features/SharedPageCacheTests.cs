using System.Net;
using Community.Tests.Support;
using Community.Web.Features.Threads;
using Community.Web.Infrastructure;

namespace Community.Tests.Features;

/// <summary>Two app instances on one database and one Redis: a page rendered by one is served by the other, and a write on either evicts it on both.</summary>
public sealed class SharedPageCacheTests
{
    [RedisFact]
    public async Task A_page_cached_by_one_instance_is_served_by_the_other_and_a_write_on_either_evicts_it_everywhere()
    {
        using var redis = new RedisServer();
        await using var first = new RedisInstanceApp(redis.ConnectionString, "web-1");
        _ = first.Services;
        await using var second = new RedisInstanceApp(first, redis.ConnectionString, "web-2");
        _ = second.Services;

        var thread = await first.AskAsync(await first.CreateUserAsync(), await first.HubAsync(), "Geteilter Cache über zwei Instanzen");
        var fromFirst = await first.Browser().GetAsync(thread.Url);
        Assert.False(fromFirst.Headers.Contains("X-Cache"));
        var fromSecond = await second.Browser().GetAsync(thread.Url);
        Assert.Equal(HttpStatusCode.OK, fromSecond.StatusCode);
        Assert.Equal("HIT", Assert.Single(fromSecond.Headers.GetValues("X-Cache")));

        // An answer through the second instance: the first instance's next reader sees it, not the cached page.
        await second.SendAsync(new Answer.Command(new Actor((await second.CreateUserAsync()).Id, false), thread.Id, "Antwort über die zweite Instanz."));
        var again = await first.Browser().GetAsync(thread.Url);
        Assert.False(again.Headers.Contains("X-Cache"));
        Assert.Contains("Antwort über die zweite Instanz.", await again.HtmlAsync());
    }

    [RedisFact]
    public async Task With_redis_down_pages_are_served_without_the_cache_and_ready_says_it_is_degraded()
    {
        var redis = new RedisServer();
        var address = redis.ConnectionString;
        redis.Dispose();
        await using var app = new RedisInstanceApp(address, "web-1");
        var thread = await app.AskAsync(await app.CreateUserAsync(), await app.HubAsync(), "Seite ohne Redis");

        for (var i = 0; i < 3; i++)
        {
            var page = await app.Browser().GetAsync(thread.Url);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("Seite ohne Redis", await page.HtmlAsync());
            Assert.False(page.Headers.Contains("X-Cache"));
        }
        await app.SendAsync(new Answer.Command(new Actor((await app.CreateUserAsync()).Id, false), thread.Id, "Eine Antwort ohne Redis."));
        Assert.Contains("Eine Antwort ohne Redis.", await (await app.Browser().GetAsync(thread.Url)).HtmlAsync());
        var ready = await app.Browser().GetAsync("/healthz/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("\"redis\":{\"status\":\"Degraded\"", await ready.Content.ReadAsStringAsync());
    }
}
