using Microsoft.AspNetCore.OutputCaching;

namespace Community.Web.Infrastructure.Caching;

/// <summary>
/// What a command changed, for the page cache: a handler names the threads it touched; after the command's
/// transaction commits (<see cref="TransactionBehaviour{TMessage, TResponse}"/>) their pages and every list page
/// are evicted, so a reader sees the change on the next request.
/// </summary>
public sealed class PageCache(IOutputCacheStore store, ListMemo lists)
{
    private readonly HashSet<int> _threads = [];
    private bool _everything;

    public void ThreadChanged(int threadId) => _threads.Add(threadId);

    /// <summary>A change that shows on pages nobody can list (a person's name on all their posts).</summary>
    public void EverythingChanged() => _everything = true;

    public async Task EvictAsync(CancellationToken ct)
    {
        lists.Forget();
        await store.EvictByTagAsync(_everything ? AnonymousPagePolicy.AllTag : AnonymousPagePolicy.ListsTag, ct);
        _everything = false;
        foreach (var id in _threads) await store.EvictByTagAsync(AnonymousPagePolicy.ThreadTag(id), ct);
        _threads.Clear();
    }
}
