using Community.Web;
using Community.Web.Data;

/// <summary>The real app on a fresh SQLite file, with background work off unless a bench switches it on.</summary>
public static class BenchHost
{
    public static async Task<WebApplication> StartAsync(string dbPath, params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration["ConnectionStrings:Community"] = $"Data Source={dbPath}";
        builder.Configuration["Seed:DemoContent"] = "false";
        builder.Configuration["Hero:RunInBackground"] = "false";
        foreach (var (key, value) in settings) builder.Configuration[key] = value;
        builder.Logging.ClearProviders();
        builder.AddCommunityServices();
        var app = builder.Build();
        await DatabaseSetup.MigrateAndSeedAsync(app.Services, app.Configuration);
        return app;
    }
}
