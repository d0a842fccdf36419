using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.FileProviders;

namespace Community.Web.Infrastructure.Caching;

/// <summary>
/// Versioned URLs for the stylesheets, scripts and icons (?v= a hash of the file), so browsers and CDNs may keep
/// them for a year (<see cref="StaticFileCaching"/>) and still get a changed file at once. Like asp-append-version,
/// but it also knows the theme folder, which is not under wwwroot.
/// </summary>
public sealed class AssetVersions(IWebHostEnvironment env)
{
    private readonly IFileProvider themes = new PhysicalFileProvider(Composition.ThemesDirectory(env));
    private readonly ConcurrentDictionary<(string Path, DateTimeOffset Modified), string> versions = new();

    public string Url(string path)
    {
        var file = path.StartsWith("/themes/", StringComparison.Ordinal) ? themes.GetFileInfo(path["/themes".Length..]) : env.WebRootFileProvider.GetFileInfo(path);
        if (!file.Exists) return path;
        var version = versions.GetOrAdd((path, file.LastModified), _ =>
        {
            using var stream = file.CreateReadStream();
            return Convert.ToHexStringLower(SHA256.HashData(stream))[..12];
        });
        return $"{path}?v={version}";
    }
}
