using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Community.Web.Data;
using Community.Web.Features.Users;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// Starts the app in Production mode on a seeded database and drives its pages with Debian's wrk (anonymous and
/// signed in), then does the same on a small database of the same shape and prints the ratio.
/// Usage: sudo apt-get install wrk
///        dotnet run -c Release --project Community.Bench -- http --db PATH [--duration 5] [--connections 16] [--compare 10000] [--writes-only]
/// </summary>
public static partial class HttpBench
{
    private sealed record Row(string Page, string Who, double RequestsPerSecond, double P50, double P99, long Bytes, int Errors, double AloneP50, double AloneP95);

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline)]
    private static partial Regex Percentile();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Errors();

    public static async Task RunAsync(string[] args)
    {
        if (!File.Exists("/usr/bin/wrk")) throw new InvalidOperationException("The HTTP bench drives the app with wrk: sudo apt-get install wrk");
        var db = args.SkipWhile(a => a != "--db").Skip(1).FirstOrDefault() ?? throw new ArgumentException("Give the seeded database: --db PATH (see the seed command)");
        var duration = ContentSeeder.Arg(args, "--duration", 5);
        var connections = ContentSeeder.Arg(args, "--connections", 16);
        var compare = ContentSeeder.Arg(args, "--compare", 10_000);
        // --only search: just the pages whose name contains the word (no writes), for working on one page.
        var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault();
        if (args.Contains("--writes-only"))
        {
            await using var writer = await BenchHost.StartAsync(db);
            await MeasureWritesAsync(writer, db);
            return;
        }

        var big = await MeasureAsync(db, duration, connections, only);
        Print(Path.GetFileName(db), big.Rows, big.Rss);
        if (compare <= 0) return;
        var dir = Path.Combine(Path.GetTempPath(), "community-bench-small-" + Guid.NewGuid().ToString("N")[..8]);
        var small = Path.Combine(dir, "small.db");
        await ContentSeeder.SeedAsync(small, new ContentSeeder.Size(compare, Math.Max(100, compare / 10)));
        var baseline = await MeasureAsync(small, duration, connections, only);
        Print($"{compare:N0} posts", baseline.Rows, baseline.Rss);
        Console.WriteLine();
        Console.WriteLine("| page | who | slowdown: req/s at small ÷ req/s at large | p50 at large ÷ p50 at small |");
        Console.WriteLine("|---|---|---:|---:|");
        foreach (var row in big.Rows)
            if (baseline.Rows.FirstOrDefault(b => b.Page == row.Page && b.Who == row.Who) is { } b)
                Console.WriteLine($"| {row.Page} | {row.Who} | {b.RequestsPerSecond / Math.Max(0.001, row.RequestsPerSecond):F2} | {row.P50 / Math.Max(0.001, b.P50):F2} |");
        SqliteConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);
    }

    private static void Print(string title, IReadOnlyList<Row> rows, long rss)
    {
        Console.WriteLine();
        Console.WriteLine($"{title}: server RSS at most {rss / 1024 / 1024:N0} MB");
        Console.WriteLine("| page | who | req/s | p50 ms | p99 ms | alone p50 ms | alone p95 ms | bytes | errors |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
            Console.WriteLine($"| {r.Page} | {r.Who} | {r.RequestsPerSecond:N0} | {r.P50:F2} | {r.P99:F2} | {r.AloneP50:F1} | {r.AloneP95:F1} | {r.Bytes:N0} | {r.Errors} |");
    }

    private static async Task<(IReadOnlyList<Row> Rows, long Rss)> MeasureAsync(string dbPath, int duration, int connections, string? only)
    {
        await using var app = await BenchHost.StartAsync(dbPath, ("urls", "http://127.0.0.1:0"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        // The background jobs' first round (the scan for unanswered threads to offer to experts) runs at start;
        // the pages are measured after it, not against it.
        await Task.Delay(TimeSpan.FromSeconds(20));

        string thread, longThread, api, rare, deepHub;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var data = scope.ServiceProvider.GetRequiredService<CommunityDb>();
            var typical = await data.Threads.Where(t => t.AnswerCount >= 8 && t.AnswerCount <= 12).OrderBy(t => t.Id).Select(t => new { t.Id, t.Slug }).FirstAsync();
            var longest = await data.Threads.OrderByDescending(t => t.AnswerCount).Select(t => new { t.Id, t.Slug }).FirstAsync();
            (thread, longThread, api, rare) = ($"/t/{typical.Id}/{typical.Slug}", $"/t/{longest.Id}/{longest.Slug}", $"/api/v1/threads/{typical.Id}", typical.Id.ToString(CultureInfo.InvariantCulture));
            // Page 200 of the smartphone hub and its sub-hubs is where 199 clicks on "Older" lead: after the 3,980th thread.
            var tree = (await data.Hubs.Select(h => new { h.Id, h.ParentId, h.Slug }).ToListAsync()) is var hubs ? hubs : [];
            var smartphones = Community.Domain.Threads.HubTree.WithDescendants(hubs.Select(h => (h.Id, h.ParentId)), [hubs.First(h => h.Slug == "smartphones").Id]);
            // A small community has fewer pages: its deepest page stands in.
            var inTree = await data.Threads.CountAsync(t => smartphones.Contains(t.HubId));
            var deep = await data.Threads.Where(t => smartphones.Contains(t.HubId)).OrderByDescending(t => t.LastActivityAt).ThenByDescending(t => t.Id)
                .Skip(Math.Min(199 * Community.Web.Features.Hubs.HubPage.PageSize, inTree - Community.Web.Features.Hubs.HubPage.PageSize) - 1).Select(t => new { t.LastActivityAt, t.Id }).FirstAsync();
            deepHub = "/hubs/smartphones?before=" + new Community.Web.Features.Hubs.ListCursor(deep.LastActivityAt, deep.Id);
        }
        var (cookie, token) = await SignInAsync(app, address);

        (string Page, string Url)[] pages =
        [
            ("home", "/"), ("hub", "/hubs/wlan-box"), ("hub page 200", deepHub), ("thread", thread), ("thread, 300+ answers", longThread),
            ("search: common word", "/search?q=router"), ("search: two words", "/search?q=router+passwort"), ("search: one thread", "/search?q=" + rare),
            ("search: filtered", "/search?q=akku&hub=smartphones&status=solved"), ("search: typo", "/search?q=glasfasre"),
            ("leaderboard", "/leaderboard"), ("feed", "/feeds/solved.atom"), ("sitemap", "/sitemap.xml"), ("API thread", api),
        ];
        var rows = new List<Row>();
        long rss = 0;
        // One pass over every page first (JIT, SQLite's page cache, the first renders), so the page measured first
        // is not measured cold.
        foreach (var (_, url) in pages) await WrkAsync(address.TrimEnd('/') + url, null, 1, connections);
        // No cookie jar: an "anonymous" request must not carry a cookie a signed-in response set.
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = new Uri(address) };
        foreach (var (page, url) in pages.Where(p => only is null || p.Page.Contains(only, StringComparison.Ordinal)))
            foreach (var who in new[] { "anonymous", "signed in" })
            {
                var header = who == "anonymous" ? null : url.StartsWith("/api/", StringComparison.Ordinal) ? $"Authorization: Bearer {token}" : $"Cookie: community.auth={cookie}";
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                if (header is not null) request.Headers.TryAddWithoutValidation(header[..header.IndexOf(':')], header[(header.IndexOf(':') + 2)..]);
                using var response = await http.SendAsync(request);
                var bytes = (await response.Content.ReadAsByteArrayAsync()).LongLength;
                // A second of warm-up (JIT tiers, SQLite's page cache) so the first page measured is not the slowest.
                await WrkAsync(address.TrimEnd('/') + url, header, 1, connections);
                var output = await WrkAsync(address.TrimEnd('/') + url, header, duration, connections);
                rss = Math.Max(rss, Environment.WorkingSet);
                var (aloneP50, aloneP95) = await OneAtATimeAsync(http, url, header);
                rows.Add(new Row(page, who, double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture),
                    Millis(output, "50"), Millis(output, "99"), bytes,
                    (response.IsSuccessStatusCode ? 0 : 1) + (Errors().Match(output) is { Success: true } e ? int.Parse(e.Groups[1].Value, CultureInfo.InvariantCulture) : 0),
                    aloneP50, aloneP95));
            }
        if (only is null) await MeasureWritesAsync(app, dbPath);
        await app.StopAsync();
        return (rows, rss);
    }

    /// <summary>
    /// 200 answers and 200 kudos, one at a time through the app's own commands (validation, transaction, counters,
    /// ledger, outbox, page-cache eviction), written into the measured database (a moderator gives the kudos, so the
    /// rank rule lets seeded people with no reputation vote): p50 and p95.
    /// </summary>
    private static async Task MeasureWritesAsync(WebApplication app, string dbPath)
    {
        var times = new Dictionary<string, List<double>> { ["answer"] = [], ["kudos"] = [] };
        int threadId;
        List<string> people;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var data = scope.ServiceProvider.GetRequiredService<CommunityDb>();
            threadId = await data.Threads.Where(t => !t.IsLocked).OrderByDescending(t => t.Id).Select(t => t.Id).FirstAsync();
            people = await data.Users.OrderBy(u => u.Id).Select(u => u.Id).Take(201).ToListAsync();
        }
        for (var i = 0; i < 200; i++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var mediator = scope.ServiceProvider.GetRequiredService<Mediator.IMediator>();
            var watch = Stopwatch.StartNew();
            var answerId = await mediator.Send(new Community.Web.Features.Threads.Answer.Command(
                new Community.Web.Infrastructure.Actor(people[i], false), threadId, $"Benchmark answer {i}: restart the box and wait for the green light."));
            times["answer"].Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            await mediator.Send(new Community.Web.Features.Threads.GiveKudos.Command(new Community.Web.Infrastructure.Actor(people[i + 1], true), answerId));
            times["kudos"].Add(watch.Elapsed.TotalMilliseconds);
        }
        foreach (var (what, list) in times)
        {
            list.Sort();
            Console.WriteLine($"{Path.GetFileName(dbPath)}: {what} commits one at a time: p50 {list[list.Count / 2]:F1} ms, p95 {list[(int)(list.Count * 0.95)]:F1} ms");
        }
    }

    /// <summary>40 requests one after the other: how long one visitor waits when nobody else is there (wrk's figures include the queue of 16).</summary>
    private static async Task<(double P50, double P95)> OneAtATimeAsync(HttpClient http, string url, string? header)
    {
        var times = new List<double>();
        for (var i = 0; i < 40; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (header is not null) request.Headers.TryAddWithoutValidation(header[..header.IndexOf(':')], header[(header.IndexOf(':') + 2)..]);
            var watch = Stopwatch.StartNew();
            using var response = await http.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return (times[times.Count / 2], times[(int)(times.Count * 0.95)]);
    }

    private static double Millis(string wrk, string percentile)
    {
        var m = Percentile().Matches(wrk).First(m => m.Groups[1].Value == percentile);
        var value = double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        return m.Groups[3].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }

    private static async Task<string> WrkAsync(string url, string? header, int duration, int connections)
    {
        var arguments = $"-t2 -c{connections} -d{duration}s --latency {(header is null ? "" : $"-H \"{header}\"")} {url}";
        using var process = Process.Start(new ProcessStartInfo("/usr/bin/wrk", arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }

    /// <summary>A confirmed member signs in through the login form like a browser; an API token for the API rows.</summary>
    private static async Task<(string Cookie, string Token)> SignInAsync(WebApplication app, string address)
    {
        string userId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CommunityUser>>();
            var user = new CommunityUser { UserName = "bench.reader", Email = "bench.reader@example.com", EmailConfirmed = true, JoinedAt = DateTimeOffset.UtcNow };
            var created = await users.CreateAsync(user, "Bench-Passw0rd!");
            if (!created.Succeeded) user = (await users.FindByNameAsync("bench.reader"))!;
            userId = user.Id;
        }
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(address) };
        var form = await client.GetStringAsync("/account/login");
        var antiforgery = WebUtility.HtmlDecode(Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value);
        var login = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Login"] = "bench.reader", ["Password"] = "Bench-Passw0rd!", ["__RequestVerificationToken"] = antiforgery,
        }));
        if (login.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Signing in failed with {(int)login.StatusCode}.");
        var cookie = cookies.GetCookies(new Uri(address))["community.auth"]?.Value ?? throw new InvalidOperationException("No sign-in cookie.");
        await using var tokenScope = app.Services.CreateAsyncScope();
        var token = await tokenScope.ServiceProvider.GetRequiredService<Mediator.IMediator>().Send(new CreateToken.Command(userId, "bench"));
        return (cookie, token);
    }
}
