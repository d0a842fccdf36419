using System.Net;
using Community.Tests.Support;
using Community.Web.Features.Threads;
using Community.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Community.Tests.Features;

/// <summary>Two app instances on one database and one Redis: a page rendered by one is served by the other, and a write on either evicts it on both.</summary>
public sealed class SharedPageCacheTests
{
    private sealed class Instance(string root, string redis, string name) : CommunityApp(root)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:Redis", redis);
            builder.UseSetting("Community:InstanceName", name);
        }
    }

    [RedisFact]
    public async Task A_page_cached_by_one_instance_is_served_by_the_other_and_a_write_on_either_evicts_it_everywhere()
    {
        using var redis = new RedisServer();
        await using var first = new Instance(Path.Combine(Path.GetTempPath(), "community-tests", Guid.NewGuid().ToString("N")), redis.ConnectionString, "web-1");
        _ = first.Services;
        await using var second = new Instance(first.Root, redis.ConnectionString, "web-2");
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
}
