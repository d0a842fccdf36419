using Community.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Data;

public static class DatabaseSetup
{
    /// <summary>
    /// Demo content (with its published password) only where a developer runs the app: Development by default, elsewhere
    /// only when the operator asks for it twice (Seed:DemoContent and Seed:DemoContentInProduction).
    /// </summary>
    public static bool SeedsDemoContent(IConfiguration config, IHostEnvironment env)
    {
        var wanted = string.IsNullOrWhiteSpace(config["Seed:DemoContent"]) ? env.IsDevelopment() : config.GetValue<bool>("Seed:DemoContent");
        if (wanted && !env.IsDevelopment() && !config.GetValue("Seed:DemoContentInProduction", false))
            throw new InvalidOperationException(
                $"Seed:DemoContent is on in the {env.EnvironmentName} environment. The demo accounts have a published password, so " +
                "anyone could log in as an administrator. Switch it off, or set Seed:DemoContentInProduction=true if this is a throwaway demo server. " +
                "Create the first real administrator with: dotnet Community.Web.dll admin create-user --name NAME --email EMAIL --password PASSWORD --role Admin");
        return wanted;
    }

    /// <summary>
    /// A database seeded before demo content became Development-only may still hold demo accounts with the published
    /// password: outside Development they are locked and signed out, and the log says which.
    /// </summary>
    private static async Task LockDemoAccountsAsync(IServiceProvider services)
    {
        var users = services.GetRequiredService<UserManager<CommunityUser>>();
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseSetup));
        foreach (var name in DemoSeeder.DemoNames)
        {
            // Stored times lose sub-millisecond precision, so "locked for good" is any end a century away.
            if (await users.FindByNameAsync(name) is not { } user || user.LockoutEnd > DateTimeOffset.UtcNow.AddYears(100)) continue;
            if (!await users.CheckPasswordAsync(user, DemoSeeder.DemoPassword)) continue;
            await users.SetLockoutEnabledAsync(user, true);
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
            await users.UpdateSecurityStampAsync(user);
            await Features.Users.RevokeToken.AllOfAsync(services.GetRequiredService<CommunityDb>(), user.Id, DateTimeOffset.UtcNow);
            log.LogWarning("Demo account {Name} still had the published demo password; it is locked. Reset its password (forgot-password) to use it.", name);
        }
    }

    /// <summary>Webhook secrets written before they were encrypted at rest are encrypted on the first start that can.</summary>
    private static async Task ProtectStoredSecretsAsync(CommunityDb db, Infrastructure.Security.SecretProtector secrets)
    {
        var plain = await db.WebhookEndpoints
            .Where(e => !e.Secret.StartsWith(Infrastructure.Security.SecretProtector.Prefix) || (e.PreviousSecret != null && !e.PreviousSecret.StartsWith(Infrastructure.Security.SecretProtector.Prefix)))
            .ToListAsync();
        foreach (var endpoint in plain)
        {
            if (!Infrastructure.Security.SecretProtector.IsProtected(endpoint.Secret)) endpoint.Secret = secrets.Protect(endpoint.Secret);
            if (endpoint.PreviousSecret is { } old && !Infrastructure.Security.SecretProtector.IsProtected(old)) endpoint.PreviousSecret = secrets.Protect(old);
        }
        if (plain.Count > 0) await db.SaveChangesAsync();
    }

    /// <summary>Database:MigrateOnStart: on by default for the embedded SQLite file, off by default for PostgreSQL (run `admin migrate`).</summary>
    public static bool MigratesOnStart(IConfiguration config, DatabaseProvider provider) =>
        config.GetValue<bool?>("Database:MigrateOnStart") ?? provider == DatabaseProvider.Sqlite;

    /// <summary>
    /// The start-up step of an instance: migrations (when <see cref="MigratesOnStart"/>), roles, demo content. A
    /// database that cannot be reached or is not migrated leaves the instance running but not ready
    /// (<see cref="DatabaseAvailability"/>); <see cref="DatabaseStartupRetry"/> tries again. Other faults stop the start.
    /// </summary>
    public static async Task<bool> TryStartAsync(IServiceProvider services, CancellationToken ct)
    {
        var availability = services.GetRequiredService<DatabaseAvailability>();
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseSetup));
        var config = services.GetRequiredService<IConfiguration>();
        try
        {
            await MigrateAndSeedAsync(services, config, MigratesOnStart(config, services.GetRequiredService<DatabaseSettings>().Provider));
            availability.Ready();
            return true;
        }
        catch (Exception e) when (DatabaseAvailability.IsUnavailable(e) || e is SchemaNotMigratedException)
        {
            // The reason is public (/healthz/ready): a fixed sentence; the log has the exception.
            var why = e is SchemaNotMigratedException ? e.Message : "The database cannot be reached.";
            if (why != availability.NotReadyBecause)
                log.LogError("This instance is not ready. {Reason} ({Error}) Retrying every {Interval} s.", why, e.Message, DatabaseStartupRetry.Interval.TotalSeconds);
            availability.NotReady(why);
            return false;
        }
    }

    /// <summary>Applies migrations (or, with <paramref name="migrate"/> false, requires that none is pending), creates the roles and, on an empty database, the demo content (see <see cref="SeedsDemoContent"/>).</summary>
    public static async Task MigrateAndSeedAsync(IServiceProvider services, IConfiguration config, bool migrate = true)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDb>();
        // Several instances may start at once: one of them migrates and seeds, the others wait and then find it done.
        await using var setupLock = await db.LockForSetupAsync(CancellationToken.None);
        // The migrations were squashed into one before the first release: a database of an earlier build has
        // migrations this build does not know, and would fail on "table already exists".
        var known = db.Database.GetMigrations().ToHashSet();
        var unknown = (await db.Database.GetAppliedMigrationsAsync()).Where(m => !known.Contains(m)).ToList();
        if (unknown.Count > 0)
            throw new InvalidOperationException(
                $"The database was made by an earlier development build (migration {unknown[0]}), before the schema was squashed into one " +
                "initial migration. Delete it (by default Community.Web/data/) and start again; it is recreated empty, with demo content in Development.");
        if (migrate) await db.Database.MigrateAsync();
        else if ((await db.Database.GetPendingMigrationsAsync()).ToList() is { Count: > 0 } pending)
            throw new SchemaNotMigratedException(
                $"The database schema is not up to date ({pending.Count} migration(s) pending, first {pending[0]}). Run " +
                "`dotnet Community.Web.dll admin migrate` once (or set Database:MigrateOnStart=true on one instance).");

        var secrets = scope.ServiceProvider.GetRequiredService<Infrastructure.Security.SecretProtector>();
        // The key ring gets its key now, outside any transaction: made inside a command's transaction, the key's own
        // write would wait for that transaction's lock (SQLite has one writer). Infrastructure/Security/KeyRingKeeper.cs renews it.
        secrets.Protect("key ring warm-up");
        await ProtectStoredSecretsAsync(db, secrets);
        // Tokens made before tokens expired get the default lifetime from now, not an expiry in the past.
        var tokenLifetime = TimeSpan.FromDays(scope.ServiceProvider.GetRequiredService<Infrastructure.Security.SecurityOptions>().TokenLifetimeDays);
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        await db.ApiTokens.Where(t => t.ExpiresAt == default).ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, now + tokenLifetime));

        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));

        var env = services.GetRequiredService<IHostEnvironment>();
        if (!env.IsDevelopment() && !config.GetValue("Seed:DemoContentInProduction", false))
            await LockDemoAccountsAsync(scope.ServiceProvider);

        if (SeedsDemoContent(config, env) && !await db.Hubs.AnyAsync())
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await DemoSeeder.SeedAsync(scope.ServiceProvider);
            await tx.CommitAsync();
        }
        // Threads written outside a command (the demo, an import) get their search documents now.
        await Features.Search.SearchIndexJob.DrainAsync(scope.ServiceProvider.GetRequiredService<Features.Search.ISearchIndex>(), db, CancellationToken.None);
    }
}

/// <summary>The instance runs a build whose migrations the database has not had yet.</summary>
public sealed class SchemaNotMigratedException(string message) : Exception(message);
