using System.Data.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Tests.Support;

/// <summary>
/// Counts the SQL commands the app sends while serving requests, to prove a page's query count does not grow with
/// its content. Background jobs (search catch-up, digest, view flushes) run outside any request and are not counted:
/// one of them running during the measured request made the count differ now and then.
/// </summary>
public sealed class QueryCounter : DbCommandInterceptor
{
    // HttpContextAccessor keeps the current request in a static AsyncLocal: any instance sees the request being served.
    private static readonly Microsoft.AspNetCore.Http.HttpContextAccessor Requests = new();
    private int _count;
    private int _reads;
    public int Count => Volatile.Read(ref _count);
    /// <summary>Of those, the ones that only read (SELECT): what must not grow with a post's audience, while writing N rows takes N statements.</summary>
    public int Reads => Volatile.Read(ref _reads);

    public void Reset()
    {
        Interlocked.Exchange(ref _count, 0);
        Interlocked.Exchange(ref _reads, 0);
    }

    private void Counted(DbCommand command)
    {
        if (Requests.HttpContext is null) return;
        Interlocked.Increment(ref _count);
        if (command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)) Interlocked.Increment(ref _reads);
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Counted(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Counted(command);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }
}

public sealed class CountingCommunityApp : CommunityApp
{
    public QueryCounter Queries { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<IInterceptor>(Queries));
    }
}
