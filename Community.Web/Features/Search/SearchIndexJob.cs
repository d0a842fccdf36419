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
    /// <summary>A command rewrites at most this many documents (its own, newest first), so a backlog does not slow every write.</summary>
    public const int PerCommand = 20;

    private const int PerBatch = 200;

    protected override TimeSpan Interval => TimeSpan.FromMinutes(1);

    protected override bool IsEnabled => true;

    /// <summary>A search document is not on any cached page.</summary>
    protected override bool ChangesPages => false;

    /// <summary>
    /// Up to a thousand documents a minute, in one transaction that takes the commands' write turn (a second or two of it):
    /// a command may rewrite the same thread's document meanwhile, and a document built before that command committed
    /// must not overwrite the one it wrote. Normally nothing is pending: each command indexes its own threads.
    /// </summary>
    protected override async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var index = services.GetRequiredService<ISearchIndex>();
        var db = services.GetRequiredService<CommunityDb>();
        for (var batch = 0; batch < 5 && await db.SearchPending.AnyAsync(ct); batch++) await index.UpdateChangedAsync(PerBatch, ct);
    }

    /// <summary>Works through everything pending, a batch per transaction, each in the commands' write turn (at start).</summary>
    public static async Task DrainAsync(ISearchIndex index, CommunityDb db, CancellationToken ct)
    {
        while (await db.SearchPending.AnyAsync(ct))
        {
            await using var tx = await db.BeginCommandTransactionAsync(ct);
            await index.UpdateChangedAsync(PerBatch, ct);
            await tx.CommitAsync(ct);
        }
    }
}
