using Community.Domain.Uploads;

namespace Community.Web.Features.Uploads;

/// <summary>Where uploaded images live. The local folder is the default; several instances share one folder (a mounted volume).</summary>
public interface IUploadStore
{
    Task SaveAsync(string name, byte[] content, CancellationToken ct);

    /// <summary>The file, or null when there is none of that name.</summary>
    Stream? Open(string name);

    /// <summary>Removes the file if it is there (a deleted account's picture).</summary>
    void Delete(string name);
}

/// <summary>Files in <c>Uploads:Directory</c> (default <c>data/uploads</c> under the app, outside the repo's tracked files).</summary>
public sealed class LocalUploadStore : IUploadStore
{
    private readonly string _root;

    public LocalUploadStore(UploadOptions options, IHostEnvironment env)
    {
        var dir = string.IsNullOrWhiteSpace(options.Directory) ? Path.Combine("data", "uploads") : options.Directory;
        _root = Path.GetFullPath(Path.IsPathRooted(dir) ? dir : Path.Combine(env.ContentRootPath, dir));
        Directory.CreateDirectory(_root);
    }

    public async Task SaveAsync(string name, byte[] content, CancellationToken ct)
    {
        var path = PathOf(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Written beside and moved, so a reader never sees half a file.
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllBytesAsync(temp, content, ct);
        File.Move(temp, path, overwrite: true);
    }

    public Stream? Open(string name)
    {
        var path = PathOf(name);
        return File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true) : null;
    }

    public void Delete(string name)
    {
        var path = PathOf(name);
        if (File.Exists(path)) File.Delete(path);
    }

    /// <summary>Two levels of folders from the random key, so no folder holds millions of files.</summary>
    private string PathOf(string name) => Path.Combine(_root, name[..2], name[2..4], name);
}
