using Microsoft.AspNetCore.Hosting;

namespace Community.Tests.Support;

/// <summary>The app as deployed: Production environment, no developer error pages.</summary>
public sealed class ProductionCommunityApp : CommunityApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
        builder.UseSetting("Community:PublicBaseUrl", "http://localhost");
        builder.UseSetting("Security:RequireTwoFactorForStaff", "false");
    }
}
