namespace Community.Web.Infrastructure;

/// <summary>
/// Work a command leaves for after its transaction committed, outside the write turn (waking the hub fan-out worker
/// for a new post). <see cref="TransactionBehaviour{TMessage, TResponse}"/> runs it once the command committed and
/// forgets it when the command rolled back, so nothing happens for a change that was not kept. A failure is logged,
/// never the command's: the command's change is already saved.
/// </summary>
public sealed class AfterCommit(ILogger<AfterCommit> log)
{
    private readonly List<(string What, Func<CancellationToken, Task> Work)> _work = [];

    public void Add(string what, Func<CancellationToken, Task> work) => _work.Add((what, work));

    public void Forget() => _work.Clear();

    public async Task RunAsync(CancellationToken ct)
    {
        var work = _work.ToArray();
        _work.Clear();
        foreach (var (what, run) in work)
        {
            try
            {
                await run(ct);
            }
            catch (Exception e)
            {
                log.LogWarning(e, "After a committed command: {What} failed.", what);
            }
        }
    }
}
