using Community.Domain.Uploads;

namespace Community.Web.Features.Uploads;

/// <summary>
/// Where uploaded images live: the local folder (<see cref="LocalUploadStore"/>, the default; several instances share
/// one mounted folder) or an S3-compatible bucket (<see cref="S3UploadStore"/>, <c>Uploads:Store = s3</c>). Either way
/// the images are served from this site's <c>/uploads/…</c>, so no visitor's browser is sent elsewhere.
/// A store that cannot be reached throws <see cref="UploadStoreUnavailableException"/> (503, "try again").
/// </summary>
public interface IUploadStore
{
    Task SaveAsync(string name, byte[] content, CancellationToken ct);

    /// <summary>The file, or null when there is none of that name.</summary>
    Task<Stream?> OpenAsync(string name, CancellationToken ct);

    /// <summary>Removes the file if it is there (a deleted account's picture, an upload whose record was not saved).</summary>
    Task DeleteAsync(string name, CancellationToken ct);
}

/// <summary>The store could not be reached or refused the request: the upload is not kept, the person may try again.</summary>
public sealed class UploadStoreUnavailableException(string why, Exception? inner = null) : Exception(why, inner);

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
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            // Written beside and moved, so a reader never sees half a file.
            var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            await File.WriteAllBytesAsync(temp, content, ct);
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UploadStoreUnavailableException("The upload folder cannot be written: " + e.Message, e);
        }
    }

    public Task<Stream?> OpenAsync(string name, CancellationToken ct)
    {
        var path = PathOf(name);
        return Task.FromResult<Stream?>(File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true) : null);
    }

    public Task DeleteAsync(string name, CancellationToken ct)
    {
        var path = PathOf(name);
        if (File.Exists(path)) File.Delete(path);
        return Task.CompletedTask;
    }

    /// <summary>Two levels of folders from the random key, so no folder holds millions of files.</summary>
    private string PathOf(string name) => Path.Combine(_root, name[..2], name[2..4], name);
}
