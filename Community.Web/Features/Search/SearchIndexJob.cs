using Community.Web.Data;
using Community.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Search;

/// <summary>
/// Commands rewrite the search documents they change before they commit; this job catches what was written
/// around them (an import, a script, a crash between a write and its document) once a minute.
/// </summary>
public sealed class SearchIndexJob(IServiceScopeFactory scopes, ILogger<SearchIndexJob> log) : PeriodicJob(scopes, log)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(1);

    protected override bool IsEnabled => true;

    protected override Task RunAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<ISearchIndex>().UpdateChangedAsync(ct);

    /// <summary>Works through everything pending, a batch per transaction.</summary>
    public static async Task DrainAsync(ISearchIndex index, CommunityDb db, CancellationToken ct)
    {
        while (await db.SearchPending.AnyAsync(ct))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await index.UpdateChangedAsync(ct);
            await tx.CommitAsync(ct);
        }
    }
}
