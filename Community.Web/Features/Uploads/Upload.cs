using Microsoft.EntityFrameworkCore;
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
    /// <summary>
    /// When a saved post first showed it. An image for a post never used within <c>Uploads:UnusedHours</c> (the composer
    /// was left, the draft discarded), and a picture nobody has any more, are removed by <see cref="UnusedUploadSweeper"/>.
    /// </summary>
    public DateTimeOffset? UsedAt { get; set; }
}

/// <summary>Marks the uploads a saved post shows as used, so the sweeper keeps them (every version of the post keeps them).</summary>
public static partial class UploadClaims
{
    // The full image or its thumbnail (what a reader copies from a rendered post).
    [System.Text.RegularExpressions.GeneratedRegex("/uploads/" + UploadImage.StoredNamePattern)]
    private static partial System.Text.RegularExpressions.Regex Reference();

    public static IReadOnlyList<string> KeysIn(string markdown) =>
        markdown.Contains("/uploads/", StringComparison.Ordinal)
            ? Reference().Matches(markdown).Select(m => m.Groups["key"].Value).Distinct().ToList()
            : [];

    /// <summary>One statement, and none for a post without uploaded images.</summary>
    public static async Task ClaimAsync(Data.CommunityDb db, string markdown, DateTimeOffset now, CancellationToken ct)
    {
        var keys = KeysIn(markdown);
        if (keys.Count == 0) return;
        await db.Uploads.Where(u => keys.Contains(u.Key) && u.UsedAt == null).ExecuteUpdateAsync(s => s.SetProperty(u => u.UsedAt, now), ct);
    }
}
