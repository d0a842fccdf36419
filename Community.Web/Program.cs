using Community.Web;
using Community.Web.Cli;
using Community.Web.Data;

// `dotnet run -- admin ...` runs an operator command against the same database and exits.
var isAdmin = args.Length > 0 && args[0] == "admin";
var builder = WebApplication.CreateBuilder(isAdmin ? [] : args);

builder.AddCommunityServices();

var app = builder.Build();

if (isAdmin)
{
    // `admin migrate` is the explicit step for PostgreSQL deployments (Database:MigrateOnStart off); the other admin
    // commands migrate too where the instances would (SQLite) and otherwise need an up-to-date database.
    var migrate = args is [_, "migrate", ..] || DatabaseSetup.MigratesOnStart(app.Configuration, DatabaseProviders.Read(app.Configuration));
    await DatabaseSetup.MigrateAndSeedAsync(app.Services, app.Configuration, migrate);
    return await AdminCommands.RunAsync(app.Services, args[1..], Console.Out);
}
DatabaseProviders.WarnAboutSingleMachineSettings(app.Services, app.Configuration);
// A database that is down or not yet migrated leaves the instance running and not ready (/healthz/ready says why).
await DatabaseSetup.TryStartAsync(app.Services, CancellationToken.None);

app.UseCommunityPipeline();
app.MapCommunityEndpoints();

await app.RunAsync();
return 0;

public partial class Program;
