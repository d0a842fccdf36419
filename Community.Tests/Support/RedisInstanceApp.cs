using Microsoft.AspNetCore.Hosting;

namespace Community.Tests.Support;

/// <summary>One instance of a community whose page cache is shared in Redis, named as it would be behind a load balancer.</summary>
public class RedisInstanceApp : CommunityApp
{
    private readonly string redis;
    private readonly string name;

    public RedisInstanceApp(string redis, string name) => (this.redis, this.name) = (redis, name);

    /// <summary>Another instance on <paramref name="first"/>'s database.</summary>
    public RedisInstanceApp(CommunityApp first, string redis, string name) : base(first) => (this.redis, this.name) = (redis, name);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ConnectionStrings:Redis", redis);
        builder.UseSetting("Community:InstanceName", name);
    }
}
