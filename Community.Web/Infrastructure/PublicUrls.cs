using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Community.Web.Infrastructure;

/// <summary>
/// Absolute links for things that leave the site (webhooks): Community:PublicBaseUrl when set, else the current
/// request's host (limited by AllowedHosts), else the address the server listens on. Set PublicBaseUrl in production.
/// </summary>
public sealed class PublicUrls(IConfiguration config, IHttpContextAccessor http, IServer server)
{
    public string BaseUrl
    {
        get
        {
            var configured = config["Community:PublicBaseUrl"];
            if (!string.IsNullOrWhiteSpace(configured)) return configured.TrimEnd('/');
            if (http.HttpContext?.Request is { } r) return $"{r.Scheme}://{r.Host}";
            var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
            return (listening ?? "http://localhost").Replace("://0.0.0.0", "://localhost").Replace("://[::]", "://localhost").Replace("://+", "://localhost").TrimEnd('/');
        }
    }

    public string Absolute(string path) => BaseUrl + path;

    public string Thread(int id, string slug) => Absolute(Urls.Thread(id, slug));
}
