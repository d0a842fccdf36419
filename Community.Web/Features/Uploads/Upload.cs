using Community.Domain.Uploads;

namespace Community.Web.Features.Uploads;

public enum UploadPurpose { Post = 0, Avatar = 1 }

/// <summary>
/// An image someone uploaded, as the app re-encoded it: the bytes are in the upload store under <see cref="Key"/>
/// (served from /uploads/{Key}.{extension}), the row says whose it is and counts toward their quota.
/// </summary>
public sealed class Upload
{
    public long Id { get; init; }
    /// <summary>Random, and carries the size: <c>{32 hex}-{width}x{height}</c>, so a post's HTML can size the picture without a lookup.</summary>
    public required string Key { get; init; }
    public required string UserId { get; init; }
    public ImageFormat Format { get; init; }
    public int Width { get; init; }
    public int Height { get; init; }
    /// <summary>The stored (re-encoded) bytes of the full image and its thumbnail.</summary>
    public long Bytes { get; init; }
    public UploadPurpose Purpose { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
