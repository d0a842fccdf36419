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
/// Keeps an image someone uploaded for a post: checks the person's quota (bytes and count per 24 hours), stores the
/// re-encoded full image and thumbnail under a random key and records the upload. The image was decoded and written
/// again before (<see cref="ImageProcessor"/>), outside the write transaction.
/// </summary>
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

public static class UploadImage
{
    /// <summary>The rate limit and a first look at the quota come before decoding (<see cref="UploadGate"/>); the handler checks the quota again with the stored size.</summary>
    public sealed record Command(Actor Actor, ProcessedImage Image, UploadPurpose Purpose) : ICommand<Result>;

    /// <param name="Url">Where the full image is served, on this site; Markdown <c>![alt](Url)</c> shows it inline.</param>
    public sealed record Result(string Key, string Url, int Width, int Height);

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

    public sealed class Handler(CommunityDb db, IUploadStore store, UploadOptions options, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command cmd, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            var bytes = cmd.Image.Full.LongLength + (cmd.Image.Thumbnail?.LongLength ?? 0);
            var (usedBytes, usedCount) = await UsedAsync(db, cmd.Actor.UserId, now, ct);
            if (ImageRules.QuotaRefusal(usedBytes, usedCount, bytes, options) is { } refusal)
                throw ValidationFailedException.For("file", refusal);
            var key = $"{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}-{cmd.Image.Width}x{cmd.Image.Height}";
            await store.SaveAsync(FileName(key, cmd.Image.Format), cmd.Image.Full, ct);
            if (cmd.Image.Thumbnail is { } thumb) await store.SaveAsync(FileName(key, cmd.Image.Format, thumbnail: true), thumb, ct);
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
