using Community.Domain.Uploads;
using Community.Web.Data;
using Community.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Uploads;

/// <summary>
/// Removes uploads nobody uses, as Discourse does: an image put into the composer but never posted (the page was left,
/// the draft discarded) and a replaced profile picture, once <see cref="UploadOptions.UnusedHours"/> have passed.
/// An image a saved post shows is kept (<see cref="UploadClaims"/>), and so is one a draft still holds. The rows go
/// in the round's transaction, right after their files (in the write turn, which commands do not use for uploads).
/// </summary>
public sealed class UnusedUploadSweeper(IServiceScopeFactory scopes, ILogger<UnusedUploadSweeper> log) : PeriodicJob(scopes, log)
{
    public const int PerRound = 100;

    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override bool IsEnabled => true;

    /// <summary>No page shows an unused upload.</summary>
    protected override bool ChangesPages => false;

    protected override async Task RunAsync(IServiceProvider services, CancellationToken ct) =>
        await SweepAsync(services.GetRequiredService<CommunityDb>(), services.GetRequiredService<IUploadStore>(),
            services.GetRequiredService<UploadOptions>(), services.GetRequiredService<TimeProvider>().GetUtcNow(), ct);

    /// <returns>How many uploads were removed.</returns>
    public static async Task<int> SweepAsync(CommunityDb db, IUploadStore store, UploadOptions options, DateTimeOffset now, CancellationToken ct)
    {
        var before = now.AddHours(-options.UnusedHours);
        // A picture is used while it is someone's; an image for a post once a saved post shows it, and a draft may still
        // become one. A post by the uploader that shows it without having claimed it (written by an instance of an older
        // version during an upgrade) keeps it too: that look is along the index of the person's posts.
        var unused = await db.Uploads
            .Where(u => u.CreatedAt < before && !db.Users.Any(p => p.AvatarKey == u.Key))
            .Where(u => u.Purpose == UploadPurpose.Avatar || (u.UsedAt == null && !db.Drafts.Any(d => d.Body.Contains(u.Key))
                && !db.Posts.Any(p => p.AuthorId == u.UserId && p.BodyMarkdown.Contains(u.Key))))
            .OrderBy(u => u.CreatedAt).Take(PerRound)
            .Select(u => new { u.Id, u.Key, u.Format }).ToListAsync(ct);
        if (unused.Count == 0) return 0;
        // Files first: should removing the rows fail, the next round finds them again (removing a missing file does
        // nothing), so no file is ever left without a row that leads to it. Nothing shows these images.
        foreach (var upload in unused)
        {
            await store.DeleteAsync(UploadImage.FileName(upload.Key, upload.Format), ct);
            // The thumbnail exists only for wide images.
            await store.DeleteAsync(UploadImage.FileName(upload.Key, upload.Format, thumbnail: true), ct);
        }
        var ids = unused.Select(u => u.Id).ToList();
        return await db.Uploads.Where(u => ids.Contains(u.Id)).ExecuteDeleteAsync(ct);
    }
}
