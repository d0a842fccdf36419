using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Community.Domain.Crm;
using Community.Domain.Outbox;
using Community.Web.Data;
using Community.Web.Features.Crm;
using Community.Web.Features.Users;
using Community.Web.Features.Webhooks;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// Several app processes on one throwaway PostgreSQL and one Redis (Debian's postgresql and redis-server, started
/// here on 127.0.0.1 and stopped at the end), as behind a load balancer.
/// 1. Thread page req/s with wrk on one instance, then on three (one wrk per instance at the same time, as a
///    round-robin balancer would spread them), anonymous (the shared Redis page cache) and signed in (PostgreSQL).
/// 2. Chaos: 200 concurrent API writers (answers, kudos, solutions) spread round-robin for a bounded time while
///    instance 2 is killed with SIGKILL and started again; then checks zero lost posts, zero 5xx except on the killed
///    instance's in-flight requests, every ledger total equal to its rows, every webhook delivery and mail sent at
///    least once and recorded once.
/// Usage: sudo apt-get install postgresql redis-server wrk
///        dotnet run -c Release --project Community.Bench -- scaleout [--duration 10] [--writers 200] [--chaos 30]
/// </summary>
public static partial class ScaleOutBench
{
    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Errors();

    private sealed class Servers : IDisposable
    {
        public required string Folder { get; init; }
        public required string PgBin { get; init; }
        public required int PgPort { get; init; }
        public required Process Redis { get; init; }
        public required int RedisPort { get; init; }

        public string Database => $"Host=127.0.0.1;Port={PgPort};Username=postgres;Database=community;Maximum Pool Size=60";

        public void Dispose()
        {
            try { Redis.Kill(); } catch (InvalidOperationException) { }
            Run(Path.Combine(PgBin, "pg_ctl"), $"-D {Folder}/pg -m fast -w stop", asPostgres: true);
            try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
        }
    }

    private sealed class AppProcess(int index, int port, Dictionary<string, string> env) : IDisposable
    {
        public int Port => port;
        public string Name => $"web-{index}";
        public Process? Process { get; private set; }

        public async Task StartAsync()
        {
            var dll = Path.Combine(AppContext.BaseDirectory, "Community.Web.dll");
            var info = new ProcessStartInfo("dotnet", $"\"{dll}\" --urls http://127.0.0.1:{port}")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory,
            };
            foreach (var (k, v) in env) info.Environment[k] = v;
            info.Environment["Community__InstanceName"] = Name;
            Process = Process.Start(info)!;
            Process.OutputDataReceived += (_, e) => { if (e.Data is { } l && (l.Contains("fail:") || l.Contains("crit:"))) Console.Error.WriteLine(l); };
            Process.ErrorDataReceived += (_, _) => { };
            Process.BeginOutputReadLine();
            Process.BeginErrorReadLine();
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            var until = DateTime.UtcNow.AddSeconds(90);
            while (DateTime.UtcNow < until)
            {
                try
                {
                    if ((await http.GetAsync($"http://127.0.0.1:{port}/healthz/ready")).IsSuccessStatusCode) return;
                }
                catch (HttpRequestException) { }
                catch (TaskCanceledException) { }
                await Task.Delay(200);
            }
            throw new InvalidOperationException($"{Name} did not become ready within 90 s.");
        }

        public void Kill() => Process?.Kill(entireProcessTree: true);

        public void Dispose()
        {
            try { Process?.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        }
    }

    public static async Task RunAsync(string[] args)
    {
        var duration = ContentSeeder.Arg(args, "--duration", 10);
        var writers = ContentSeeder.Arg(args, "--writers", 200);
        var chaosSeconds = ContentSeeder.Arg(args, "--chaos", 30);
        if (!File.Exists("/usr/bin/wrk")) throw new InvalidOperationException("sudo apt-get install wrk");
        using var servers = await StartServersAsync();
        var folder = servers.Folder;

        // The CRM's receiver: counts every delivery by event id.
        var received = new ConcurrentDictionary<string, int>();
        var receiverBuilder = WebApplication.CreateSlimBuilder();
        receiverBuilder.Logging.ClearProviders();
        receiverBuilder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        await using var receiver = receiverBuilder.Build();
        receiver.MapPost("/hooks", async (HttpRequest r) =>
        {
            using var doc = await JsonDocument.ParseAsync(r.Body);
            received.AddOrUpdate(doc.RootElement.GetProperty("id").GetString()!, 1, (_, n) => n + 1);
            return Results.NoContent();
        });
        await receiver.StartAsync();
        var receiverUrl = receiver.Urls.First() + "/hooks";

        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Community"] = servers.Database,
            ["ConnectionStrings__Redis"] = $"127.0.0.1:{servers.RedisPort}",
            ["Community__PublicBaseUrl"] = "http://127.0.0.1",
            ["RateLimits__Enabled"] = "false",
            ["Webhooks__AllowHttp"] = "true",
            ["Webhooks__AllowedNetworks__0"] = "127.0.0.0/8",
            ["Webhooks__PollInterval"] = "00:00:00.2",
            ["Mail__PickupDirectory"] = Path.Combine(folder, "mail"),
            ["Mail__PollInterval"] = "00:00:00.2",
            ["Logging__LogLevel__Default"] = "Warning",
        };

        // Set-up through the app's own services: schema (the explicit migrate step), people, tokens, links, an endpoint.
        Console.WriteLine("Setting up: migrations, 300 members with API tokens, 100 of them linked to customer numbers, a webhook endpoint.");
        var (threadUrl, tokens, askerTokens, threads) = await SetUpAsync(servers.Database, receiverUrl);

        var apps = Enumerable.Range(1, 3).Select(i => new AppProcess(i, FreePort(), settings)).ToList();
        try
        {
            await Task.WhenAll(apps.Select(a => a.StartAsync()));
            var cookie = await SignInAsync(apps[0].Port, "bench-reader");

            Console.WriteLine();
            Console.WriteLine($"## Thread page on PostgreSQL + Redis, {duration} s per run, 48 connections ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores)");
            Console.WriteLine("| instances | who | req/s | non-2xx |");
            Console.WriteLine("|---:|---|---:|---:|");
            foreach (var (who, header) in new[] { ("anonymous", (string?)null), ("signed in", cookie) })
            foreach (var count in new[] { 1, 3 })
            {
                var runs = apps.Take(count).Select(a => WrkAsync($"http://127.0.0.1:{a.Port}{threadUrl}", 48 / count, duration, header)).ToList();
                var results = await Task.WhenAll(runs);
                Console.WriteLine($"| {count} | {who} | {results.Sum(r => r.Rps):N0} | {results.Sum(r => r.Errors)} |");
            }

            Console.WriteLine();
            Console.WriteLine($"## Chaos: {writers} writers for {chaosSeconds} s over 3 instances; web-2 killed (SIGKILL) after a third, started again after two thirds");
            await ChaosAsync(apps, tokens, askerTokens, threads, writers, chaosSeconds, servers.Database, received, Path.Combine(folder, "mail"));
        }
        finally
        {
            foreach (var a in apps) a.Dispose();
            await receiver.StopAsync();
        }
    }

    private static async Task ChaosAsync(List<AppProcess> apps, List<string> tokens, List<string> askerTokens, List<int> threads, int writers, int seconds,
        string database, ConcurrentDictionary<string, int> received, string mailFolder)
    {
        var answers = new ConcurrentBag<int>();
        var statuses = new ConcurrentDictionary<string, int>();
        var killedInFlight = 0;
        var killed = 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 1000, PooledConnectionLifetime = TimeSpan.FromSeconds(5) };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var next = 0;

        async Task<HttpResponseMessage?> SendAsync(Func<HttpRequestMessage> make, string token)
        {
            var app = apps[Interlocked.Increment(ref next) % apps.Count];
            var request = make();
            request.RequestUri = new Uri($"http://127.0.0.1:{app.Port}{request.RequestUri!.OriginalString}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            try
            {
                var response = await http.SendAsync(request, CancellationToken.None);
                statuses.AddOrUpdate($"{app.Name} {(int)response.StatusCode}", 1, (_, n) => n + 1);
                return response;
            }
            catch (Exception) when (app.Name == "web-2" && Volatile.Read(ref killed) == 1)
            {
                // Refused or cut off while web-2 is down: what a balancer would retry on another instance.
                Interlocked.Increment(ref killedInFlight);
                return null;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Anywhere else a transport error counts against the run (printed with the statuses).
                statuses.AddOrUpdate($"{app.Name} transport error", 1, (_, n) => n + 1);
                return null;
            }
        }

        var work = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            while (!stop.IsCancellationRequested)
            {
                var thread = threads[random.Next(threads.Count)];
                var token = tokens[random.Next(tokens.Count)];
                var answer = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, $"/api/v1/threads/{thread}/posts")
                    { Content = JsonContent.Create(new { body = $"Antwort von Schreiber {w} unter Last, {Guid.NewGuid():N}" }) }, token);
                if (answer is not { StatusCode: HttpStatusCode.Created }) continue;
                var id = (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
                answers.Add(id);
                await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, $"/api/v1/posts/{id}/kudos"), tokens[(tokens.IndexOf(token) + 1) % tokens.Count]);
                if (random.Next(10) == 0)
                    await SendAsync(() => new HttpRequestMessage(HttpMethod.Put, $"/api/v1/threads/{thread}/solution") { Content = JsonContent.Create(new { postId = id }) },
                        askerTokens[threads.IndexOf(thread)]);
            }
        })).ToList();

        await Task.Delay(TimeSpan.FromSeconds(seconds / 3.0));
        Volatile.Write(ref killed, 1);
        apps[1].Kill();
        Console.WriteLine($"- {DateTime.UtcNow:HH:mm:ss} web-2 killed");
        await Task.Delay(TimeSpan.FromSeconds(seconds / 3.0));
        var restart = apps[1].StartAsync();
        await restart;
        Volatile.Write(ref killed, 0);
        Console.WriteLine($"- {DateTime.UtcNow:HH:mm:ss} web-2 ready again");
        await Task.WhenAll(work);

        // Let the dispatchers finish what the writes left in the outbox.
        var options = new DbContextOptionsBuilder<PostgresCommunityDb>().UseNpgsql(database).Options;
        await using var db = new PostgresCommunityDb(options);
        var until = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < until && (await db.WebhookDeliveries.AnyAsync(d => d.Status == DeliveryStatus.Pending) || await db.OutgoingMails.AnyAsync(m => m.Status == DeliveryStatus.Pending)))
            await Task.Delay(500);

        var ids = answers.ToList();
        var stored = await db.Posts.CountAsync(p => ids.Contains(p.Id));
        var ledger = await db.Ledger.GroupBy(l => l.UserId).Select(g => new { g.Key, Points = g.Sum(l => l.Points) }).ToDictionaryAsync(x => x.Key, x => x.Points);
        var reputations = await db.Users.ToDictionaryAsync(u => u.Id, u => u.Reputation);
        var wrongTotals = reputations.Count(r => r.Value != ledger.GetValueOrDefault(r.Key));
        var totals = await db.ReputationTotals.Where(t => t.HubId == 0).ToDictionaryAsync(t => t.UserId, t => t.Points);
        var wrongAggregates = ledger.Count(l => totals.GetValueOrDefault(l.Key) != l.Value);
        var deliveries = await db.WebhookDeliveries.AsNoTracking().Join(db.OutboxEvents, d => d.OutboxEventId, e => e.Id, (d, e) => new { d.Status, e.EventId }).ToListAsync();
        var undelivered = deliveries.Count(d => d.Status != DeliveryStatus.Delivered);
        var recordedTwice = deliveries.GroupBy(d => d.EventId).Count(g => g.Count() > 1);
        var neverReceived = deliveries.Count(d => !received.ContainsKey(d.EventId));
        var receivedTwice = received.Count(r => r.Value > 1);
        var mails = await db.OutgoingMails.AsNoTracking().Select(m => m.Status).ToListAsync();
        var mailFiles = Directory.Exists(mailFolder) ? Directory.GetFiles(mailFolder, "*.eml").Length : 0;
        var fiveHundreds = statuses.Where(s => s.Key.EndsWith(" 500") || s.Key.EndsWith(" 502") || s.Key.EndsWith(" 503")).Sum(s => s.Value);
        var transportErrors = statuses.Where(s => s.Key.EndsWith(" transport error")).Sum(s => s.Value);

        Console.WriteLine($"- requests by instance and status: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"))}");
        Console.WriteLine($"- requests cut off or refused while web-2 was down: {killedInFlight}");
        Console.WriteLine($"- 5xx answers: {fiveHundreds}");
        Console.WriteLine($"- answers acknowledged: {ids.Count}, found in the database: {stored} (lost: {ids.Count - stored})");
        Console.WriteLine($"- members whose reputation differs from their ledger rows: {wrongTotals}; whose all-hubs total differs: {wrongAggregates}");
        Console.WriteLine($"- webhook deliveries: {deliveries.Count}, not delivered: {undelivered}, recorded twice: {recordedTwice}, never received: {neverReceived}, received more than once: {receivedTwice}");
        Console.WriteLine($"- mails: {mails.Count}, not sent: {mails.Count(s => s != DeliveryStatus.Delivered)}, files written: {mailFiles}");
        var ok = ids.Count == stored && transportErrors == 0 && wrongTotals == 0 && wrongAggregates == 0 && undelivered == 0 && recordedTwice == 0 && neverReceived == 0 && fiveHundreds == 0
            && mails.All(s => s == DeliveryStatus.Delivered) && mailFiles >= mails.Count;
        Console.WriteLine(ok ? "- PASS: nothing lost, nothing recorded twice" : "- FAIL: see the figures above");
    }

    private static async Task<(string ThreadUrl, List<string> Tokens, List<string> AskerTokens, List<int> Threads)> SetUpAsync(string database, string receiverUrl)
    {
        await using var app = await BenchHost.StartAsync("unused.db",
            ("Database:Provider", "Postgres"), ("ConnectionStrings:Community", database), ("Database:MigrateOnStart", "true"));
        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var users = sp.GetRequiredService<UserManager<CommunityUser>>();
        var mediator = sp.GetRequiredService<IMediator>();
        var db = sp.GetRequiredService<CommunityDb>();
        var now = DateTimeOffset.UtcNow.AddDays(-30);
        db.Hubs.Add(new Community.Domain.Threads.Hub { Slug = "router", Name = "Router" });
        await db.SaveChangesAsync();

        async Task<CommunityUser> UserAsync(string name)
        {
            var user = new CommunityUser { UserName = name, Email = $"{name}@example.com", EmailConfirmed = true, JoinedAt = now };
            var result = await users.CreateAsync(user, "Passw0rd!bench");
            if (!result.Succeeded) throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
            return user;
        }

        await UserAsync("bench-reader");
        var tokens = new List<string>();
        for (var i = 0; i < 300; i++)
        {
            var user = await UserAsync($"writer{i}");
            tokens.Add(await mediator.Send(new CreateToken.Command(user.Id, "bench")));
            if (i < 100) await mediator.Send(new LinkCustomerAccount.Command(user.Id, (10_000_000 + i).ToString(CultureInfo.InvariantCulture), true));
        }
        await mediator.Send(new AddEndpoint.Command(receiverUrl, "bench CRM", string.Join(' ', WebhookEventTypes.ReputationCredited, WebhookEventTypes.ReputationDebited)));

        var threads = new List<int>();
        var askerTokens = new List<string>();
        string? url = null;
        for (var i = 0; i < 50; i++)
        {
            var asker = await UserAsync($"asker{i}");
            var token = await mediator.Send(new CreateToken.Command(asker.Id, "bench"));
            var asked = await mediator.Send(new Community.Web.Features.Threads.Ask.Command(new Community.Web.Infrastructure.Actor(asker.Id, false), "router",
                $"Router {i} verliert nachts die Verbindung", "Seit dem Update bricht das WLAN jede Nacht ab. Was kann ich tun?", "wlan router"));
            threads.Add(asked.Id);
            askerTokens.Add(token);
            url ??= $"/t/{asked.Id}/{asked.Slug}";
        }
        // The measured page has 20 answers, like a busy thread's first page.
        for (var i = 0; i < 20; i++)
        {
            var helper = await users.FindByNameAsync($"writer{200 + i}");
            await mediator.Send(new Community.Web.Features.Threads.Answer.Command(new Community.Web.Infrastructure.Actor(helper!.Id, false), threads[0],
                $"Antwort {i}: Kanal wechseln, Firmware aktualisieren und den Router neu starten."));
        }
        await app.StopAsync();
        return (url!, tokens, askerTokens, threads);
    }

    private static async Task<string> SignInAsync(int port, string name)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var form = await http.GetStringAsync("/account/login");
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var response = await http.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Login"] = name, ["Password"] = "Passw0rd!bench", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        }));
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Sign-in failed: {(int)response.StatusCode}");
        return "Cookie: " + string.Join("; ", cookies.GetCookies(new Uri($"http://127.0.0.1:{port}")).Select(c => $"{c.Name}={c.Value}"));
    }

    private static async Task<(double Rps, int Errors)> WrkAsync(string url, int connections, int seconds, string? header)
    {
        var arguments = $"-t1 -c{connections} -d{seconds}s --timeout 5s {(header is null ? "" : $"-H \"{header}\" ")}{url}";
        var info = new ProcessStartInfo("/usr/bin/wrk", arguments) { RedirectStandardOutput = true };
        using var wrk = Process.Start(info)!;
        var output = await wrk.StandardOutput.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        var rps = double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var errors = Errors().Match(output) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        return (rps, errors);
    }

    private static async Task<Servers> StartServersAsync()
    {
        var pgBin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderDescending().FirstOrDefault()
            : null;
        if (pgBin is null) throw new InvalidOperationException("sudo apt-get install postgresql");
        if (!File.Exists("/usr/bin/redis-server")) throw new InvalidOperationException("sudo apt-get install redis-server");
        var folder = Path.Combine(Path.GetTempPath(), "community-scaleout-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(folder, "mail"));
        Directory.CreateDirectory(Path.Combine(folder, "pg"));
        if (Environment.UserName == "root") Run("/bin/chown", $"postgres {folder}/pg", asPostgres: false);
        var pgPort = FreePort();
        Run(Path.Combine(pgBin, "initdb"), $"-D {folder}/pg -U postgres -A trust -E UTF8 --locale=C --no-sync", asPostgres: true);
        Run(Path.Combine(pgBin, "pg_ctl"), $"-D {folder}/pg -l {folder}/pg/server.log -w -o \"-p {pgPort} -k {folder}/pg -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=256MB\" start", asPostgres: true);
        var redisPort = FreePort();
        var redis = Process.Start(new ProcessStartInfo("/usr/bin/redis-server", $"--port {redisPort} --bind 127.0.0.1 --save \"\" --appendonly no --dir {folder}")
            { RedirectStandardOutput = true, RedirectStandardError = true })!;
        redis.BeginOutputReadLine();
        redis.BeginErrorReadLine();
        var servers = new Servers { Folder = folder, PgBin = pgBin, PgPort = pgPort, Redis = redis, RedisPort = redisPort };
        await using (var connection = new Npgsql.NpgsqlConnection($"Host=127.0.0.1;Port={pgPort};Username=postgres;Database=postgres;Pooling=false"))
        {
            await connection.OpenAsync();
            await new Npgsql.NpgsqlCommand("CREATE DATABASE community", connection).ExecuteNonQueryAsync();
        }
        return servers;
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static void Run(string program, string arguments, bool asPostgres)
    {
        var info = asPostgres && Environment.UserName == "root"
            ? new ProcessStartInfo("/usr/sbin/runuser", $"-u postgres -- {program} {arguments}")
            : new ProcessStartInfo(program, arguments);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.WorkingDirectory = "/tmp";
        using var p = Process.Start(info)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{program} {arguments}: {output.Result} {error.Result}");
    }
}
