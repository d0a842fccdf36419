using System.Data.Common;
using Community.Web.Infrastructure;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Community.Web.Data;

/// <summary>
/// After PostgreSQL went away (a restart, a failover), the pooled connections are dead; the first command that finds
/// one empties the pool, so the next requests open fresh connections instead of each finding another dead one.
/// Registered only for PostgreSQL (Data/DatabaseProvider.cs).
/// </summary>
public sealed class PostgresPoolReset : DbCommandInterceptor
{
    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Reset(command, eventData.Exception);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Reset(command, eventData.Exception);
        return Task.CompletedTask;
    }

    private static void Reset(DbCommand command, Exception e)
    {
        if (command.Connection is NpgsqlConnection connection && DatabaseAvailability.IsUnavailable(e)) NpgsqlConnection.ClearPool(connection);
    }
}
