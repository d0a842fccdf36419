using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using Community.Web.Infrastructure;

namespace Community.Web.Data;

/// <summary>The embedded default: one file, one writer at a time.</summary>
public sealed class SqliteCommunityDb(DbContextOptions<SqliteCommunityDb> options) : CommunityDb(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // SQLite cannot order by DateTimeOffset; all times are UTC, stored as sortable binary ticks.
        builder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }

    private static readonly DateTimeOffsetToBinaryConverter TimeConverter = new();

    /// <summary>How a time is stored in a SQLite column (also used by the bench's bulk seeder).</summary>
    public static long Ticks(DateTimeOffset at) => (long)TimeConverter.ConvertToProvider(at)!;

    public override object StoredTime(DateTimeOffset at) => Ticks(at);

    // Microsoft.Data.Sqlite begins IMMEDIATE: the command holds the one write lock from its first read, so every
    // rule that counts before it writes (caps, limits) sees all committed writes and no concurrent one.
    public override Task<IDbContextTransaction> BeginCommandTransactionAsync(CancellationToken ct) => Database.BeginTransactionAsync(ct);

    public override bool IsConcurrencyConflict(Exception e) => false;

    public override bool IsUniqueViolation(Exception e) => e.AndInner().Any(x => x is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 });

    // SQLite's own busy timeout queues writers; nothing to add per process.
    public override Task<IDisposable> WaitForWriteTurnAsync(CancellationToken ct) => Task.FromResult<IDisposable>(Nothing.Held);

    // One process owns the file; EF's own migration lock covers a second process migrating the same file.
    public override Task<IAsyncDisposable> LockForSetupAsync(CancellationToken ct) => Task.FromResult<IAsyncDisposable>(Nothing.Held);

    /// <summary>A turn or lock SQLite does not need: disposing it does nothing.</summary>
    private sealed class Nothing : IDisposable, IAsyncDisposable
    {
        public static readonly Nothing Held = new();

        public void Dispose() { }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>
/// PostgreSQL for several instances. Times are <c>timestamptz</c>. Commands write one at a time across all instances,
/// as on SQLite: each command's transaction (READ COMMITTED) starts by taking one transaction-level advisory lock
/// (<see cref="WriteLockKey"/>), so every rule that counts before it writes (daily caps, serial voting, reversals,
/// invitation limits) sees all committed writes and no concurrent one, and each statement reads after the lock.
/// Reads (pages, search, feeds) never take it and run in parallel on every instance. Unique keys back the rules
/// that must hold even for work outside a command (one flag per person, one kudos per post, one hero per month).
/// A deadlock or serialization failure (between a command and the outbox, say) runs the command again.
/// </summary>
public sealed class PostgresCommunityDb(DbContextOptions<PostgresCommunityDb> options) : CommunityDb(options)
{
    /// <summary>The advisory lock key every command takes ("community write").</summary>
    public const long WriteLockKey = 0x636f6d6d_77726974;

    public override object StoredTime(DateTimeOffset at) => at.ToUniversalTime();

    /// <summary>How many of one instance's commands may wait for the write turn at once (each holds a pooled connection).</summary>
    public const int WaitingWritersPerInstance = 16;

    private static readonly SemaphoreSlim WaitingWriters = new(WaitingWritersPerInstance, WaitingWritersPerInstance);

    public override async Task<IDisposable> WaitForWriteTurnAsync(CancellationToken ct)
    {
        await WaitingWriters.WaitAsync(ct);
        return new Turn();
    }

    private sealed class Turn : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0) WaitingWriters.Release();
        }
    }

    public override async Task<IDbContextTransaction> BeginCommandTransactionAsync(CancellationToken ct)
    {
        var tx = await Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        try
        {
            // A turn not free within 10 s answers 503 (busy, try again); an instance that hangs holding it loses its
            // session after 60 s idle in the transaction, so it cannot stop every other instance's writes for long.
            await Database.ExecuteSqlRawAsync("SET LOCAL lock_timeout = '10s'; SET LOCAL idle_in_transaction_session_timeout = '60s'", ct);
            await Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({WriteLockKey})", ct);
            return tx;
        }
        catch
        {
            // The connection may be gone (that is often why the lock failed): the original error is the one to report.
            try { await tx.DisposeAsync(); } catch (Exception) { }
            throw;
        }
    }

    public override bool IsUniqueViolation(Exception e) => e.AndInner().Any(x => x is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation });

    /// <summary>The advisory lock key of the start-up step ("community setup").</summary>
    public const long SetupLockKey = 0x636f6d6d_73657475;

    public override async Task<IAsyncDisposable> LockForSetupAsync(CancellationToken ct)
    {
        await Database.OpenConnectionAsync(ct);
        await Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({SetupLockKey})", ct);
        return new SetupLock(this);
    }

    private sealed class SetupLock(PostgresCommunityDb db) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({SetupLockKey})");
            }
            finally
            {
                // Npgsql resets a connection it takes back into its pool (DISCARD ALL), which releases the lock in any case.
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    public override bool IsConcurrencyConflict(Exception e) =>
        e.AndInner().Any(x => x is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected });
}

/// <summary>What `dotnet ef migrations add … --context SqliteCommunityDb` builds the model with.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteCommunityDb>
{
    public SqliteCommunityDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteCommunityDb>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>What `dotnet ef migrations add … --context PostgresCommunityDb` builds the model with (no server is contacted).</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresCommunityDb>
{
    public PostgresCommunityDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresCommunityDb>().UseNpgsql("Host=127.0.0.1;Database=community").Options);
}
