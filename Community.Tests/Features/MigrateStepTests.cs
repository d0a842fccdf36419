using System.Net;
using Community.Tests.Support;
using Community.Web.Cli;
using Community.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Tests.Features;

/// <summary>With Database:MigrateOnStart off (the PostgreSQL default), migrating is the operator's explicit `admin migrate` step.</summary>
public sealed class MigrateStepTests
{
    /// <summary>An app on an empty database (a new SQLite file, or a new PostgreSQL database without the template's schema) that does not migrate at start.</summary>
    private sealed class UnmigratedApp : CommunityApp
    {
        private readonly string? emptyPostgres = TestDatabase.IsPostgres ? EmptyPostgresDatabase() : null;

        private static string EmptyPostgresDatabase()
        {
            var server = PostgresServer.SharedAsync().GetAwaiter().GetResult();
            var name = "empty_" + Guid.NewGuid().ToString("N")[..12];
            server.ExecuteAsync($"CREATE DATABASE {name}").GetAwaiter().GetResult();
            return server.ConnectionString(name);
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Database:MigrateOnStart", "false");
            if (emptyPostgres is not null) builder.UseSetting("ConnectionStrings:Community", emptyPostgres);
        }
    }

    [Fact]
    public async Task An_unmigrated_database_leaves_the_instance_not_ready_until_admin_migrate_runs()
    {
        await using var app = new UnmigratedApp();
        var client = app.Browser();

        var ready = await client.GetAsync("/healthz/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("admin migrate", await ready.Content.ReadAsStringAsync());
        var page = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Contains("Temporarily unavailable", await page.HtmlAsync());

        // What `dotnet Community.Web.dll admin migrate` does (Program.cs), then the command's own report.
        await DatabaseSetup.MigrateAndSeedAsync(app.Services, app.Services.GetRequiredService<IConfiguration>(), migrate: true);
        var output = new StringWriter();
        Assert.Equal(0, await AdminCommands.RunAsync(app.Services, ["migrate"], output));
        Assert.Contains("The database is up to date (4 migration(s) applied).", output.ToString());
        Assert.Empty(await app.WithDbAsync(db => db.Database.GetPendingMigrationsAsync()));

        // The instance finds out by itself (it retries the start-up step); the test asks for the same step now.
        Assert.True(await DatabaseSetup.TryStartAsync(app.Services, default));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    private sealed class ProviderApp(string provider, string? connectionString = null) : CommunityApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Database:Provider", provider);
            if (connectionString is not null) builder.UseSetting("ConnectionStrings:Community", connectionString);
        }
    }

    [Fact]
    public void An_unknown_provider_or_a_sqlite_connection_string_for_postgres_stops_the_start_with_the_reason()
    {
        using (var unknown = new ProviderApp("Oracle"))
            Assert.Contains("Database:Provider must be Sqlite or Postgres, not \"Oracle\"", Assert.ThrowsAny<Exception>(() => unknown.CreateClient()).ToString());
        using var mixed = new ProviderApp("Postgres", "Data Source=community.db");
        Assert.Contains("ConnectionStrings:Community must be a PostgreSQL connection string", Assert.ThrowsAny<Exception>(() => mixed.CreateClient()).ToString());
    }
}
