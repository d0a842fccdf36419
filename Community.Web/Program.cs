using Community.Web;
using Community.Web.Cli;
using Community.Web.Data;

// `dotnet run -- admin ...` runs an operator command against the same database and exits.
var isAdmin = args.Length > 0 && args[0] == "admin";
var builder = WebApplication.CreateBuilder(isAdmin ? [] : args);

builder.AddCommunityServices();

var app = builder.Build();

await DatabaseSetup.MigrateAndSeedAsync(app.Services, app.Configuration);
if (isAdmin) return await AdminCommands.RunAsync(app.Services, args[1..], Console.Out);

app.UseCommunityPipeline();
app.MapCommunityEndpoints();

await app.RunAsync();
return 0;

public partial class Program;
