using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Community.Web.Infrastructure.Outbox;

/// <summary>
/// PostgreSQL's half of the outbox claim (<see cref="OutboxDispatcher{TDelivery, TWork}.ClaimAsync"/>): the query
/// tagged <see cref="Tag"/> that picks due rows gets <c>FOR UPDATE SKIP LOCKED</c>, so two instances claiming at
/// the same moment take different rows instead of waiting for each other. Registered only for PostgreSQL; on SQLite
/// the single writer already serialises claims.
/// </summary>
public sealed class SkipLockedClaims : DbCommandInterceptor
{
    public const string Tag = "outbox claim";

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Lock(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Lock(command);
        return ValueTask.FromResult(result);
    }

    private static void Lock(DbCommand command)
    {
        if (command.CommandText.StartsWith("-- " + Tag, StringComparison.Ordinal))
            command.CommandText = command.CommandText.TrimEnd().TrimEnd(';') + "\nFOR UPDATE SKIP LOCKED";
    }
}
