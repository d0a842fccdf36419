using Community.Domain.Uploads;
using Community.Web.Data;
using Community.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Uploads;

/// <summary>
/// Removes uploads nobody uses, as Discourse does: an image put into the composer but never posted (the page was left,
/// the draft discarded) and a replaced profile picture, once <see cref="UploadOptions.UnusedHours"/> have passed.
/// An image a saved post shows is kept (<see cref="UploadClaims"/>), and so is one a draft still holds. The rows go
/// in the round's transaction, the files from the store after it committed.
/// </summary>
public sealed class UnusedUploadSweeper(IServiceScopeFactory scopes, ILogger<UnusedUploadSweeper> log) : PeriodicJob(scopes, log)
{
    public const int PerRound = 200;

    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override bool IsEnabled => true;

    /// <summary>No page shows an unused upload.</summary>
    protected override bool ChangesPages => false;

    protected override async Task RunAsync(IServiceProvider services, CancellationToken ct) =>
        await SweepAsync(services.GetRequiredService<CommunityDb>(), services.GetRequiredService<IUploadStore>(), services.GetRequiredService<AfterCommit>(),
            services.GetRequiredService<UploadOptions>(), services.GetRequiredService<TimeProvider>().GetUtcNow(), ct);

    /// <returns>How many uploads were removed.</returns>
    public static async Task<int> SweepAsync(CommunityDb db, IUploadStore store, AfterCommit afterCommit, UploadOptions options, DateTimeOffset now, CancellationToken ct)
    {
        var before = now.AddHours(-options.UnusedHours);
        // A picture is used while it is someone's; an image for a post once a saved post shows it, and a draft may still become one.
        var unused = await db.Uploads
            .Where(u => u.CreatedAt < before && !db.Users.Any(p => p.AvatarKey == u.Key))
            .Where(u => u.Purpose == UploadPurpose.Avatar || (u.UsedAt == null && !db.Drafts.Any(d => d.Body.Contains(u.Key))))
            .OrderBy(u => u.CreatedAt).Take(PerRound)
            .Select(u => new { u.Id, u.Key, u.Format }).ToListAsync(ct);
        if (unused.Count == 0) return 0;
        var ids = unused.Select(u => u.Id).ToList();
        // Checked again in the statement: a post or a picture that took one meanwhile keeps it.
        var removed = await db.Uploads.Where(u => ids.Contains(u.Id) && !db.Users.Any(p => p.AvatarKey == u.Key) && (u.Purpose == UploadPurpose.Avatar || u.UsedAt == null))
            .ExecuteDeleteAsync(ct);
        var kept = (await db.Uploads.Where(u => ids.Contains(u.Id)).Select(u => u.Id).ToListAsync(ct)).ToHashSet();
        foreach (var upload in unused.Where(u => !kept.Contains(u.Id)))
        {
            // The thumbnail exists only for wide images; removing a missing file does nothing.
            var full = UploadImage.FileName(upload.Key, upload.Format);
            var thumb = UploadImage.FileName(upload.Key, upload.Format, thumbnail: true);
            afterCommit.Add("removing the unused upload " + full, async token =>
            {
                await store.DeleteAsync(full, token);
                await store.DeleteAsync(thumb, token);
            });
        }
        return removed;
    }
}
