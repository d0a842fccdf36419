using Community.Web.Features.Search;
using Community.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Community.Web.Data;

/// <summary>Database:Provider, read once at start: the embedded SQLite file (default) or a PostgreSQL server.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Which provider this instance runs on (for the start-up checks and the health report).</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider);

/// <summary>
/// Everything that differs between the providers is chosen here, once: the context (how times are stored and how a
/// command's transaction runs), its migrations, the search index and the outbox claim's row locks. Handlers only
/// see <see cref="CommunityDb"/> and <see cref="ISearchIndex"/>.
/// </summary>
public static class DatabaseProviders
{
    public static DatabaseProvider Read(IConfiguration config)
    {
        var value = config["Database:Provider"];
        if (string.IsNullOrWhiteSpace(value)) return DatabaseProvider.Sqlite;
        return Enum.TryParse<DatabaseProvider>(value, ignoreCase: true, out var p) && Enum.IsDefined(p)
            ? p
            : throw new InvalidOperationException($"Database:Provider must be Sqlite or Postgres, not \"{value}\".");
    }

    public static DatabaseProvider AddCommunityDatabase(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var provider = Read(builder.Configuration);
        services.AddSingleton(new DatabaseSettings(provider));
        if (provider == DatabaseProvider.Postgres)
        {
            var connectionString = builder.Configuration.GetConnectionString("Community");
            if (string.IsNullOrWhiteSpace(connectionString) || connectionString.Contains("Data Source=", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException(
                    "Database:Provider is Postgres, so ConnectionStrings:Community must be a PostgreSQL connection string, e.g. " +
                    "\"Host=db.internal;Database=community;Username=community;Password=…\".");
            services.AddSingleton<IInterceptor, Infrastructure.Outbox.SkipLockedClaims>();
            services.AddSingleton<IInterceptor, PostgresPoolReset>();
            services.AddDbContext<CommunityDb, PostgresCommunityDb>((sp, o) => o
                .UseNpgsql(connectionString, npgsql => npgsql.CommandTimeout(30))
                .AddInterceptors(sp.GetServices<IInterceptor>()));
            services.AddScoped<ISearchIndex, PostgresSearchIndex>();
        }
        else
        {
            var connectionString = SqliteSetup.ResolveConnectionString(
                builder.Configuration.GetConnectionString("Community"), builder.Environment.ContentRootPath);
            services.AddSingleton<IInterceptor, SqlitePragmas>();
            services.AddDbContext<CommunityDb, SqliteCommunityDb>((sp, o) => o
                .UseSqlite(connectionString)
                .AddInterceptors(sp.GetServices<IInterceptor>())
                // SQLite rebuilds a table to change a column and must switch foreign keys off outside the transaction
                // for that; EF warns about it on every fresh database. Expected, so not shown to operators.
                .ConfigureWarnings(w => w.Ignore(RelationalEventId.NonTransactionalMigrationOperationWarning)));
            services.AddScoped<ISearchIndex, SqliteSearchIndex>();
        }
        return provider;
    }

    /// <summary>Settings that work on one machine but not for several instances on PostgreSQL get a warning at start.</summary>
    public static void WarnAboutSingleMachineSettings(IServiceProvider services, IConfiguration config)
    {
        if (services.GetRequiredService<DatabaseSettings>().Provider != DatabaseProvider.Postgres) return;
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseProviders));
        if (string.IsNullOrWhiteSpace(config["Mail:Smtp:Host"]))
            log.LogWarning("Mail is written to this instance's pickup folder ({Folder}) although the database is PostgreSQL. With several instances each " +
                "one writes its own folder; set Mail:Smtp:Host so mail leaves through one SMTP relay.", config["Mail:PickupDirectory"] ?? "data/mail");
        if (string.IsNullOrWhiteSpace(config.GetConnectionString("Redis")))
            log.LogWarning("No ConnectionStrings:Redis: each instance caches pages alone and another instance's write reaches its cache only when " +
                "the page expires (PageCache:Seconds). Set ConnectionStrings:Redis when several instances run.");
    }
}
