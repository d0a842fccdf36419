using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Data;

public static class DatabaseSetup
{
    /// <summary>Applies migrations, creates the roles and, on an empty database, the demo content (Seed:DemoContent).</summary>
    public static async Task MigrateAndSeedAsync(IServiceProvider services, IConfiguration config)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDb>();
        await db.Database.MigrateAsync();

        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));

        if (config.GetValue("Seed:DemoContent", true) && !await db.Hubs.AnyAsync())
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await DemoSeeder.SeedAsync(scope.ServiceProvider);
            await tx.CommitAsync();
        }
    }
}
