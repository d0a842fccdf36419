using System.Security.Cryptography;
using Community.Domain;
using Community.Domain.Uploads;
using Community.Web.Data;
using Community.Web.Infrastructure;
using Community.Web.Infrastructure.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Uploads;

/// <summary>
/// Before an upload is decoded: the person's rate limit and their quota (with the file's size), so an account over
/// either cannot make the server decode anything.
/// </summary>
public sealed class UploadGate(RequestLimits limits, CommunityDb db, UploadOptions options, TimeProvider clock)
{
    public async Task CheckAsync(string userId, long bytes, CancellationToken ct)
    {
        if (limits.Refuse(RateLimitPolicies.Uploads, "user:" + userId) is { } wait) throw new TooManyRequestsException(wait);
        var (usedBytes, usedCount) = await UploadImage.UsedAsync(db, userId, clock.GetUtcNow(), ct);
        if (ImageRules.QuotaRefusal(usedBytes, usedCount, bytes, options) is { } refusal) throw ValidationFailedException.For("file", refusal);
    }
}

/// <summary>
/// Keeps an image someone uploaded: its files go to the store under a new random key first, outside the write turn
/// (an S3 round trip holds up no other writer), then <see cref="UploadImage.Command"/> records it. When the record is
/// not saved (quota, a database fault, a store that failed half-way) the files written are removed again, so a refused
/// upload leaves nothing behind. Only a process that dies between the two steps can leave unrecorded files.
/// </summary>
public sealed class UploadKeeper(IMediator mediator, IUploadStore store, ILogger<UploadKeeper> log)
{
    public async Task<UploadImage.Result> KeepAsync(Actor actor, ProcessedImage image, UploadPurpose purpose, CancellationToken ct)
    {
        var key = UploadImage.NewKey(image);
        var names = new List<string> { UploadImage.FileName(key, image.Format) };
        if (image.Thumbnail is not null) names.Add(UploadImage.FileName(key, image.Format, thumbnail: true));
        try
        {
            await store.SaveAsync(names[0], image.Full, ct);
            if (image.Thumbnail is { } thumb) await store.SaveAsync(names[1], thumb, ct);
            return await mediator.Send(new UploadImage.Command(actor, image, purpose, key), ct);
        }
        catch
        {
            // Every name, also one whose write seemed to fail: a write that timed out may still have landed.
            foreach (var name in names)
            {
                try
                {
                    await store.DeleteAsync(name, CancellationToken.None);
                }
                catch (Exception e)
                {
                    log.LogWarning(e, "The upload {Name} was not recorded and could not be removed from the store.", name);
                }
            }
            throw;
        }
    }
}

public static class UploadImage
{
    /// <summary>
    /// Records an upload whose files <see cref="UploadKeeper"/> has stored under <paramref name="Key"/>. The rate limit
    /// and a first look at the quota come before decoding (<see cref="UploadGate"/>); the handler checks the quota again
    /// with the stored size.
    /// </summary>
    public sealed record Command(Actor Actor, ProcessedImage Image, UploadPurpose Purpose, string Key) : ICommand<Result>;

    /// <param name="Url">Where the full image is served, on this site; Markdown <c>![alt](Url)</c> shows it inline.</param>
    public sealed record Result(string Key, string Url, int Width, int Height);

    /// <summary>Random, and carries the size, so a post's HTML can size the picture without a lookup.</summary>
    public static string NewKey(ProcessedImage image) =>
        $"{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}-{image.Width}x{image.Height}";

    /// <summary>A stored file's name: the key, ".thumb" for the inline picture, and the stored format's extension.</summary>
    public const string StoredNamePattern = @"(?<key>[0-9a-f]{32}-\d{1,5}x\d{1,5})(?:\.thumb)?\.(?<ext>png|jpg|webp)";

    /// <summary>The content type of a stored file by its extension (what the app writes: PNG, JPEG or WebP).</summary>
    public static string ContentType(string extension) => extension.TrimStart('.') switch
    {
        "jpg" => "image/jpeg",
        "webp" => "image/webp",
        _ => "image/png",
    };

    public static string FileName(string key, ImageFormat format, bool thumbnail = false) =>
        key + (thumbnail ? ".thumb." : ".") + ImageRules.Extension(format);

    /// <summary>What a person uploaded in the last 24 hours: stored bytes and count.</summary>
    public static async Task<(long Bytes, int Count)> UsedAsync(CommunityDb db, string userId, DateTimeOffset now, CancellationToken ct)
    {
        var since = now.AddHours(-24);
        var used = await db.Uploads.Where(u => u.UserId == userId && u.CreatedAt > since)
            .GroupBy(u => 1).Select(g => new { Bytes = g.Sum(u => u.Bytes), Count = g.Count() }).FirstOrDefaultAsync(ct);
        return (used?.Bytes ?? 0, used?.Count ?? 0);
    }

    public sealed class Handler(CommunityDb db, UploadOptions options, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command cmd, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            var bytes = cmd.Image.Full.LongLength + (cmd.Image.Thumbnail?.LongLength ?? 0);
            var (usedBytes, usedCount) = await UsedAsync(db, cmd.Actor.UserId, now, ct);
            if (ImageRules.QuotaRefusal(usedBytes, usedCount, bytes, options) is { } refusal)
                throw ValidationFailedException.For("file", refusal);
            var key = cmd.Key;
            db.Uploads.Add(new Upload
            {
                Key = key, UserId = cmd.Actor.UserId, Format = cmd.Image.Format, Width = cmd.Image.Width, Height = cmd.Image.Height,
                Bytes = bytes, Purpose = cmd.Purpose, CreatedAt = now,
            });
            await db.SaveChangesAsync(ct);
            return new Result(key, "/uploads/" + FileName(key, cmd.Image.Format), cmd.Image.Width, cmd.Image.Height);
        }
    }
}
