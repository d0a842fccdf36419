using Community.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Infrastructure;

/// <summary>Which instance ran a background job last, and until when no other instance runs it.</summary>
public sealed class JobLease
{
    public required string Name { get; set; }
    public required string Owner { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>
/// Several instances share one database and each runs the same background jobs; a lease row per job makes one of
/// them do each round. Taking it is one conditional UPDATE (or the first INSERT) in the job's own transaction, so a
/// round that fails gives the lease back with its rollback. Written in LINQ: the same on SQLite and PostgreSQL.
/// </summary>
public static class JobLeaseRules
{
    /// <summary>Takes the job's lease for <paramref name="length"/> unless another owner holds it; true when this owner may run the round.</summary>
    public static async Task<bool> TryTakeAsync(CommunityDb db, string job, string owner, DateTimeOffset now, TimeSpan length, CancellationToken ct)
    {
        var until = now + length;
        var taken = await db.JobLeases.Where(l => l.Name == job && (l.ExpiresAt <= now || l.Owner == owner))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Owner, owner).SetProperty(l => l.ExpiresAt, until), ct);
        if (taken == 1) return true;
        if (await db.JobLeases.AnyAsync(l => l.Name == job, ct)) return false;
        db.JobLeases.Add(new JobLease { Name = job, Owner = owner, ExpiresAt = until });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException e) when (db.IsUniqueViolation(e))
        {
            // Another instance made the row first: it runs this round.
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
