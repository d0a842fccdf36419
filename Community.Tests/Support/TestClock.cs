using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Tests.Support;

/// <summary>A clock the test sets, for month ends, 24-hour windows and daily caps.</summary>
public sealed class TestClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 10, 10, 10, 0, 0, TimeSpan.Zero);
    public override DateTimeOffset GetUtcNow() => _now;
    public void Set(DateTimeOffset now) => _now = now.ToUniversalTime();
    public void Advance(TimeSpan by) => _now += by;
}

/// <summary>The app on a clock the test controls.</summary>
public class ClockedCommunityApp : CommunityApp
{
    public TestClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // Pages that change with the date (the hero banner) would outlive a jump of the test clock in the page cache.
        builder.UseSetting("PageCache:Enabled", "false");
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }
}

/// <summary>Accounts must be an hour old before they can give kudos.</summary>
public sealed class YoungAccountsApp : CommunityApp
{
    protected override string MinAccountAgeForKudos => "01:00:00";
}
