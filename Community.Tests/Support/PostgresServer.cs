using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Community.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Community.Tests.Support;

/// <summary>A test that needs PostgreSQL: skipped, with the reason in the report, where Debian's postgresql is not installed.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresServer.MissingReason is { } why) Skip = why;
    }
}

/// <summary>
/// One throwaway PostgreSQL server per test run: <c>initdb</c> into a temporary folder, started with <c>pg_ctl</c>
/// on a free port of 127.0.0.1 (as the <c>postgres</c> user when the tests run as root, which PostgreSQL refuses),
/// durability off, stopped and deleted when the test process ends. It never touches a system service.
/// Each app gets a database of its own, copied from a migrated template (<see cref="CreateDatabaseAsync"/>).
/// </summary>
public sealed class PostgresServer
{
    private static readonly Lazy<Task<PostgresServer>> Instance = new(StartAsync);
    private static readonly SemaphoreSlim Creating = new(1, 1);
    private const string Template = "community_template";

    private readonly string folder;
    private readonly string bin;

    public int Port { get; }

    private PostgresServer(string folder, string bin, int port) => (this.folder, this.bin, Port) = (folder, bin, port);

    /// <summary>The folder of initdb and pg_ctl, highest version first; null when PostgreSQL is not installed.</summary>
    public static string? BinFolder { get; } = Directory.Exists("/usr/lib/postgresql")
        ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
            .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0).FirstOrDefault()
        : null;

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>Why PostgreSQL tests cannot run here, or null.</summary>
    public static string? MissingReason =>
        BinFolder is null ? "Skipped: no PostgreSQL server (/usr/lib/postgresql/*/bin/initdb). Install it with 'apt-get install postgresql' (.ci/run does) to run the PostgreSQL tests."
        : IsRoot && !UserExists("postgres") ? "Skipped: the tests run as root and there is no 'postgres' user to run the PostgreSQL server as."
        : null;

    public static Task<PostgresServer> SharedAsync() => Instance.Value;

    /// <summary>A server of its own, for a test that stops and starts it; <see cref="Destroy"/> it at the end.</summary>
    public static Task<PostgresServer> StartPrivateAsync() => StartAsync();

    /// <summary>Stops the server and deletes its folder.</summary>
    public void Destroy()
    {
        try { Stop(); } catch (InvalidOperationException) { }
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database, MaxPoolSize = 50, Timeout = 30 }.ToString();

    /// <summary>A new empty, migrated database; its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "t_" + Guid.NewGuid().ToString("N")[..16];
        await Creating.WaitAsync();
        try
        {
            await ExecuteAsync($"CREATE DATABASE {name} TEMPLATE {Template}");
        }
        finally
        {
            Creating.Release();
        }
        return ConnectionString(name);
    }

    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    public async Task ExecuteAsync(string sql, string database = "postgres")
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database) + ";Pooling=false");
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>Stops the server as a crash would (immediate), to test what the app does while the database is away.</summary>
    public void Stop()
    {
        if (!File.Exists(Path.Combine(folder, "postmaster.pid"))) return;
        Run(Path.Combine(bin, "pg_ctl"), $"-D {folder} -m immediate -w stop");
    }

    /// <summary>Starts it again on the same port and data.</summary>
    public void Start() => Run(Path.Combine(bin, "pg_ctl"),
        $"-D {folder} -l {folder}/server.log -w -t 60 -o \"-p {Port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400 -c shared_buffers=128MB\" start");

    private static async Task<PostgresServer> StartAsync()
    {
        if (MissingReason is { } why) throw new InvalidOperationException(why);
        var folder = Path.Combine(Path.GetTempPath(), "community-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        if (IsRoot) Run("/bin/chown", $"postgres {folder}", asRoot: true);
        var port = FreePort.Next();
        var bin = BinFolder!;
        // C collation: text sorts by code point, as on SQLite.
        Run(Path.Combine(bin, "initdb"), $"-D {folder} -U postgres -A trust -E UTF8 --locale=C --no-sync");
        var server = new PostgresServer(folder, bin, port);
        server.Start();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Destroy();

        await server.ExecuteAsync($"CREATE DATABASE {Template}");
        var options = new DbContextOptionsBuilder<PostgresCommunityDb>().UseNpgsql(server.ConnectionString(Template) + ";Pooling=false").Options;
        await using (var db = new PostgresCommunityDb(options)) await db.Database.MigrateAsync();
        return server;
    }

    private static bool UserExists(string name) => File.ReadLines("/etc/passwd").Any(l => l.StartsWith(name + ":", StringComparison.Ordinal));

    private static void Run(string program, string arguments, bool asRoot = false)
    {
        var info = IsRoot && !asRoot
            ? new ProcessStartInfo("/usr/sbin/runuser", $"-u postgres -- {program} {arguments}")
            : new ProcessStartInfo(program, arguments);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.WorkingDirectory = "/tmp";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(program)} {arguments} failed ({process.ExitCode}): {output.Result} {error.Result}");
    }
}

/// <summary>A test of the embedded database itself (its file, its query plans): skipped in the PostgreSQL build.</summary>
public sealed class SqliteFactAttribute : FactAttribute
{
    public SqliteFactAttribute()
    {
        if (TestDatabase.IsPostgres) Skip = TestDatabase.SqliteOnly;
    }
}
