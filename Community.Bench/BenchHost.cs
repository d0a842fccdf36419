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
        builder.Configuration["Community:PublicBaseUrl"] = "http://127.0.0.1";
        builder.Configuration["RateLimits:Enabled"] = "false";
        // The bench's receiver listens on plain http on loopback, which a real deploy refuses.
        builder.Configuration["Webhooks:AllowHttp"] = "true";
        builder.Configuration["Webhooks:AllowedNetworks:0"] = "127.0.0.0/8";
        foreach (var (key, value) in settings) builder.Configuration[key] = value;
        builder.Logging.ClearProviders();
        builder.AddCommunityServices();
        // The pages are compiled into Community.Web; with the bench as the entry assembly MVC does not find them itself.
        builder.Services.AddRazorPages().AddApplicationPart(typeof(Community.Web.Composition).Assembly);
        var app = builder.Build();
        // The start-up step as Program.cs runs it: migrations, roles, and the instance marked ready (else pages answer 503).
        if (!await DatabaseSetup.TryStartAsync(app.Services, CancellationToken.None))
            throw new InvalidOperationException("The bench's database is not ready: " + app.Services.GetRequiredService<Community.Web.Infrastructure.DatabaseAvailability>().NotReadyBecause);
        // The same middleware and endpoints as Program.cs, for the benches that send HTTP requests.
        app.UseCommunityPipeline();
        app.MapCommunityEndpoints();
        return app;
    }
}
