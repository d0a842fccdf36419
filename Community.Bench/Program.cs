using System.Diagnostics;
using Community.Domain.Reputation;
using Community.Web.Data;
using Community.Web.Features.Reputation;
using Microsoft.Data.Sqlite;

// Leaderboard and hero-of-the-month timings at 10k and at 1M ledger rows (figures in the README).
// Usage: dotnet run -c Release --project Community.Bench [-- --rows 1000000 --users 5000]
//        dotnet run -c Release --project Community.Bench -- webhooks [--events 5000]
//        dotnet run -c Release --project Community.Bench -- seed --posts 1000000 --users 100000 --db PATH
//        dotnet run -c Release --project Community.Bench -- scaleout [--duration 10] [--writers 200] [--chaos 30]
//        dotnet run -c Release --project Community.Bench -- http --db PATH [--duration 5] [--connections 16] [--compare 10000]
if (args.Contains("webhooks"))
{
    await WebhookBench.RunAsync(args);
    return;
}
if (args.FirstOrDefault() == "seed")
{
    await ContentSeeder.RunAsync(args);
    return;
}
if (args.FirstOrDefault() == "scaleout")
{
    await ScaleOutBench.RunAsync(args);
    return;
}
if (args.FirstOrDefault() == "http")
{
    await HttpBench.RunAsync(args);
    return;
}

var rows = ArgValue("--rows", 1_000_000);
var users = ArgValue("--users", 5_000);
var dir = Path.Combine(Path.GetTempPath(), "community-bench-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(dir);
var dbPath = Path.Combine(dir, "bench.db");

await using var app = await BenchHost.StartAsync(dbPath);

var clock = TimeProvider.System;
var calendar = app.Services.GetRequiredService<CommunityCalendar>();
var now = clock.GetUtcNow();
var random = new Random(42);

await using (var connection = new SqliteConnection($"Data Source={dbPath}"))
{
    await connection.OpenAsync();
    await CreateHubsAndUsersAsync(connection);
    Console.WriteLine($"Ledger rows | leaderboard 30 days | leaderboard this month | leaderboard all time | hero of last month (ms, median of 5)");
    var filled = 0;
    foreach (var target in new[] { 10_000, rows })
    {
        await AddLedgerRowsAsync(connection, filled, target - filled);
        filled = target;
        await RebuildAggregatesAsync(connection);
        var (d30, month, all, hero) = await MeasureAsync();
        Console.WriteLine($"{filled,11:N0} | {d30,19:F1} | {month,22:F1} | {all,20:F1} | {hero,17:F1}");
    }
}
SqliteConnection.ClearAllPools();
Directory.Delete(dir, recursive: true);
return;

async Task CreateHubsAndUsersAsync(SqliteConnection c)
{
    await using var tx = c.BeginTransaction();
    var cmd = c.CreateCommand();
    cmd.Transaction = tx;
    // 4 top-level hubs, 3 brands each, 4 devices each: 64 hubs, three levels deep like Smartphones > Apple > iPhone 16.
    var id = 1;
    for (var t = 0; t < 4; t++)
    {
        var top = id++;
        Exec(cmd, $"INSERT INTO Hubs (Id, ParentId, Slug, Name, Description, SortOrder, ThreadCount, SolvedCount) VALUES ({top}, NULL, 'top{t}', 'Top {t}', '', {top}, 0, 0)");
        for (var b = 0; b < 3; b++)
        {
            var brand = id++;
            Exec(cmd, $"INSERT INTO Hubs (Id, ParentId, Slug, Name, Description, SortOrder, ThreadCount, SolvedCount) VALUES ({brand}, {top}, 'brand{t}-{b}', 'Brand {b}', '', {brand}, 0, 0)");
            for (var d = 0; d < 4; d++, id++)
                Exec(cmd, $"INSERT INTO Hubs (Id, ParentId, Slug, Name, Description, SortOrder, ThreadCount, SolvedCount) VALUES ({id}, {brand}, 'device{t}-{b}-{d}', 'Device {d}', '', {id}, 0, 0)");
        }
    }
    cmd.CommandText = """
        INSERT INTO AspNetUsers (Id, UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount, JoinedAt, Bio, Reputation, MailPreference)
        VALUES ($id, $name, upper($name), $name || '@example.com', upper($name || '@example.com'), 1, 0, 0, 1, 0, 0, '', 0, 2)
        """;
    var pid = cmd.Parameters.Add("$id", SqliteType.Text);
    var pname = cmd.Parameters.Add("$name", SqliteType.Text);
    for (var u = 0; u < users; u++)
    {
        pid.Value = $"u{u}";
        pname.Value = $"user{u}";
        await cmd.ExecuteNonQueryAsync();
    }
    await tx.CommitAsync();
}

async Task AddLedgerRowsAsync(SqliteConnection c, int start, int count)
{
    var devices = Enumerable.Range(1, 64).Where(h => (h - 1) % 17 > 1 && (h - 1) % 17 != 6 && (h - 1) % 17 != 11).ToArray();
    await using var tx = c.BeginTransaction();
    var cmd = c.CreateCommand();
    cmd.Transaction = tx;
    cmd.CommandText = "INSERT INTO Ledger (UserId, Points, Reason, SourceUserId, PostId, ThreadId, HubId, At, Day) VALUES ($u, $p, $r, NULL, NULL, NULL, $h, $at, $day)";
    var (pu, pp, pr, ph, pat, pday) = (cmd.Parameters.Add("$u", SqliteType.Text), cmd.Parameters.Add("$p", SqliteType.Integer), cmd.Parameters.Add("$r", SqliteType.Integer),
        cmd.Parameters.Add("$h", SqliteType.Integer), cmd.Parameters.Add("$at", SqliteType.Integer), cmd.Parameters.Add("$day", SqliteType.Integer));
    for (var i = 0; i < count; i++)
    {
        // A few very active helpers and a long tail, over the last 365 days.
        var user = (int)Math.Min(users - 1, Math.Abs(random.NextDouble() * random.NextDouble() * users));
        var at = now.AddMinutes(-random.Next(365 * 24 * 60));
        var solution = random.Next(5) == 0;
        pu.Value = $"u{user}";
        pp.Value = solution ? 15 : 10;
        pr.Value = solution ? (int)PointsReason.SolutionAccepted : (int)PointsReason.KudosReceived;
        ph.Value = devices[random.Next(devices.Length)];
        pat.Value = SqliteCommunityDb.Ticks(at);
        pday.Value = calendar.DayKey(at);
        await cmd.ExecuteNonQueryAsync();
    }
    await tx.CommitAsync();
}

// The app maintains the aggregates row by row; for a million synthetic rows they are rebuilt in bulk from the ledger.
async Task RebuildAggregatesAsync(SqliteConnection c)
{
    await using var tx = c.BeginTransaction();
    var cmd = c.CreateCommand();
    cmd.Transaction = tx;
    Exec(cmd, AggregateSql.HubChain + AggregateSql.Daily(withAnswers: false) + AggregateSql.TotalsAndReputation + "ANALYZE;");
    await tx.CommitAsync();
}

async Task<(double D30, double Month, double All, double Hero)> MeasureAsync()
{
    const int brandHub = 2;
    return (await MedianAsync(db => Leaderboard.TopAsync(db, calendar, now, brandHub, Period.Days30, 20, default)),
        await MedianAsync(db => Leaderboard.TopAsync(db, calendar, now, brandHub, Period.Month, 20, default)),
        await MedianAsync(db => Leaderboard.TopAsync(db, calendar, now, brandHub, Period.AllTime, 20, default)),
        await MedianAsync(async db =>
        {
            // Elect last month inside a transaction that is rolled back, so every run does the full work.
            await using var scope = app.Services.CreateAsyncScope();
            var scoped = scope.ServiceProvider.GetRequiredService<CommunityDb>();
            await using var tx = await scoped.Database.BeginTransactionAsync();
            await scope.ServiceProvider.GetRequiredService<HeroElection>().ElectAsync(calendar.MonthOf(now).Previous, default);
            await tx.RollbackAsync();
            return 0;
        }));
}

async Task<double> MedianAsync<T>(Func<CommunityDb, Task<T>> work)
{
    var times = new List<double>();
    for (var i = 0; i < 6; i++)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDb>();
        var sw = Stopwatch.StartNew();
        await work(db);
        if (i > 0) times.Add(sw.Elapsed.TotalMilliseconds); // the first run warms up query compilation
    }
    times.Sort();
    return times[times.Count / 2];
}

static void Exec(SqliteCommand cmd, string sql)
{
    cmd.CommandText = sql;
    cmd.ExecuteNonQuery();
}

int ArgValue(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
}
