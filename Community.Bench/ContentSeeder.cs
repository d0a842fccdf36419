using System.Diagnostics;
using System.Text.RegularExpressions;
using Community.Domain.Reputation;
using Community.Domain.Search;
using Community.Domain.Threads;
using Community.Web.Data;
using Community.Web.Features.Reputation;
using Community.Web.Infrastructure;
using Microsoft.Data.Sqlite;

/// <summary>
/// Fills a database with a community of the given size as the app would have written it: hubs three levels deep,
/// people, threads with their question and answers (German and English, 300 to 1,500 characters, rendered by the
/// product's Markdown pipeline), a few threads with 300+ answers, kudos and solutions with their ledger rows,
/// the reputation aggregates, every counter the pages read, and the search index.
/// Usage: dotnet run -c Release --project Community.Bench -- seed --posts 1000000 --users 100000 --db PATH
/// </summary>
public static partial class ContentSeeder
{
    public sealed record Size(int Posts, int Users);

    /// <summary>What the HTTP bench needs to know about the seeded content.</summary>
    public sealed record Landmarks(int TypicalThreadId, int LongThreadId);

    private static readonly (string Slug, string Name, string? Parent, int Weight)[] Hubs =
    [
        ("smartphones", "Smartphones", null, 0), ("apple", "Apple", "smartphones", 0), ("iphone-16", "iPhone 16", "apple", 14),
        ("iphone-15", "iPhone 15", "apple", 10), ("samsung", "Samsung", "smartphones", 0), ("galaxy-s24", "Galaxy S24", "samsung", 9),
        ("galaxy-a55", "Galaxy A55", "samsung", 6), ("google", "Google", "smartphones", 0), ("pixel-9", "Pixel 9", "google", 4),
        ("internet", "Internet & WLAN", null, 0), ("wlan-box", "WLAN Box", "internet", 15), ("modem", "Kabelmodem", "internet", 6),
        ("glasfaser", "Glasfaser", "internet", 5), ("mesh", "Mesh & Repeater", "internet", 4), ("tv", "TV & Streaming", null, 0),
        ("tv-box", "TV-Box", "tv", 6), ("streaming", "Streaming", "tv", 3), ("vertrag", "Vertrag & Rechnung", null, 0),
        ("rechnung", "Rechnung", "vertrag", 8), ("tarife", "Tarife", "vertrag", 6), ("roaming", "Roaming", "vertrag", 4),
    ];

    private static readonly string[] Problems =
    [
        "Internet bricht ständig ab", "WLAN sehr langsam am Abend", "Akku nach Update schnell leer", "Kein Empfang im Keller",
        "Rechnung doppelt abgebucht", "Router startet immer neu", "Passwort für das WLAN vergessen", "Roaming in der Schweiz funktioniert nicht",
        "eSIM lässt sich nicht aktivieren", "TV-Box zeigt schwarzes Bild", "Speedtest zeigt nur 10 Mbit", "Mesh Repeater verliert Verbindung",
        "Router keeps rebooting at night", "No signal after the firmware update", "Invoice shows a roaming charge", "Hotspot does not share the connection",
        "Glasfaser Anschluss Termin verschoben", "Tarifwechsel wird nicht übernommen", "Mobilbox lässt sich nicht abschalten", "5G wird nicht angezeigt",
    ];

    private static readonly string[] Sentences =
    [
        "Seit dem letzten Update verliert der Router alle paar Stunden die Verbindung und ich muss ihn neu starten.",
        "Ich habe schon versucht, die Box auf Werkseinstellungen zurückzusetzen, leider ohne Erfolg.",
        "Die Lampe für Internet leuchtet rot, während WLAN und Telefon grün sind.",
        "Am Abend sinkt die Geschwindigkeit auf ein Zehntel, am Vormittag ist alles in Ordnung.",
        "In den Einstellungen unter Netzwerk findest du den Punkt Kanalwahl; stell ihn von automatisch auf Kanal 36.",
        "Bei mir hat es geholfen, das 2,4-GHz-Band für ältere Geräte getrennt zu benennen.",
        "Die Rechnung für Oktober enthält eine Position für Roaming, obwohl ich nicht im Ausland war.",
        "Schau im Kundenportal unter Rechnungen nach, dort steht bei jeder Position das Datum und die Zone.",
        "Das Passwort steht auf dem Aufkleber an der Unterseite der Box, sofern es nie geändert wurde.",
        "Nach dem Tausch der SIM-Karte war das Problem bei mir sofort behoben.",
        "Hast du schon geprüft, ob die Firmware aktuell ist? Die Version steht im Menü unter System.",
        "Der Techniker meinte, die Leitung im Haus sei in Ordnung, das Problem liege am Gerät.",
        "Ich nutze das iPhone 16 seit drei Wochen und der Akku hält kaum einen halben Tag.",
        "Deaktiviere testweise die Hintergrundaktualisierung für Apps, das spart bei mir deutlich Strom.",
        "Mit dem Mesh-Repeater im ersten Stock ist der Empfang im ganzen Haus stabil.",
        "The router restarts every night at about two o'clock, and the log shows a watchdog reset.",
        "I already replaced the cable and tried another port on the modem, nothing changed.",
        "Switching the Wi-Fi channel from auto to a fixed one fixed the drops for me.",
        "Check whether your phone has the latest carrier settings under General, About.",
        "The invoice lists a roaming fee although the phone was in flight mode the whole trip.",
        "Support told me the line is fine, so I suspect the box itself is faulty.",
        "After the firmware update the speed test shows only ten megabits instead of one hundred fifty.",
        "Turning off IPv6 in the advanced settings made the connection stable again.",
        "You can activate the eSIM with the QR code from the customer portal; it takes about five minutes.",
        "Danke für den Tipp, das hat funktioniert und das WLAN läuft jetzt seit einer Woche ohne Abbruch.",
        "Bei Glasfaser muss das Modem direkt am Abschlusspunkt hängen, ein Switch dazwischen stört die Anmeldung.",
        "Die TV-Box braucht nach einem Stromausfall manchmal zehn Minuten, bis das Bild wieder kommt.",
        "Im Roaming innerhalb der EU fallen keine Zusatzkosten an, in der Schweiz schon.",
        "Thanks, the tip with the separate 2.4 GHz network worked for my smart plugs.",
        "If the light stays red for more than ten minutes, there is probably a fault on the line.",
    ];

    [GeneratedRegex("CREATE TRIGGER .*?END;", RegexOptions.Singleline)]
    private static partial Regex Triggers();

    public static async Task RunAsync(string[] args)
    {
        var posts = Arg(args, "--posts", 1_000_000);
        var users = Arg(args, "--users", 100_000);
        var db = args.SkipWhile(a => a != "--db").Skip(1).FirstOrDefault()
            ?? throw new ArgumentException("Give the database file: --db PATH");
        var watch = Stopwatch.StartNew();
        var landmarks = await SeedAsync(db, new Size(posts, users));
        Console.WriteLine($"Seeded {posts:N0} posts and {users:N0} people into {db} in {watch.Elapsed.TotalSeconds:F0} s " +
                          $"(typical thread /t/{landmarks.TypicalThreadId}, long thread /t/{landmarks.LongThreadId}); {new FileInfo(db).Length / 1024 / 1024:N0} MB");
    }

    public static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
    }

    public static async Task<Landmarks> SeedAsync(string dbPath, Size size)
    {
        if (File.Exists(dbPath)) throw new InvalidOperationException($"{dbPath} exists; seed a new file.");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(dbPath))!);
        CommunityCalendar calendar;
        MarkdownRenderer markdown;
        await using (var app = await BenchHost.StartAsync(dbPath))
        {
            calendar = app.Services.GetRequiredService<CommunityCalendar>();
            markdown = app.Services.GetRequiredService<MarkdownRenderer>();
        }
        SqliteConnection.ClearAllPools();

        var random = new Random(42);
        var now = DateTimeOffset.UtcNow;
        // Paragraphs rendered once by the product's pipeline (Markdig, then the sanitizer); bodies are two to five of them.
        var paragraphs = Enumerable.Range(0, 600).Select(_ =>
        {
            var text = string.Join(' ', Enumerable.Range(0, random.Next(2, 4)).Select(_ => Sentences[random.Next(Sentences.Length)]));
            var rendered = markdown.Render(text);
            return (Markdown: text, rendered.Html, rendered.Text);
        }).ToArray();

        await using var c = new SqliteConnection($"Data Source={dbPath}");
        await c.OpenAsync();
        // A thread row is written after its posts (its counters are known then); the rows are consistent once the seed is done.
        Exec(c, "PRAGMA foreign_keys = OFF; PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA cache_size = -200000; PRAGMA temp_store = MEMORY;");
        // Each thread's search document is written when the thread is (with the product's SearchDocument), not
        // noted by the triggers for the app to write later; they are dropped for the seed and made again at the end.
        var triggers = Triggers().Matches(SearchIndexSql.Create).Select(m => m.Value).ToList();
        foreach (var name in TriggerName().Matches(string.Join('\n', triggers)).Select(m => m.Groups[1].Value)) Exec(c, $"DROP TRIGGER {name};");
        // Stems are the same for the same paragraph: worked out once per paragraph.
        var stemmed = new Dictionary<string, string>();
        string Index(string text, int maxChars) => text.Length > maxChars ? SearchText.ToIndexed(text, maxChars) : string.Concat(text.Split('\n').Select(p =>
            stemmed.TryGetValue(p, out var s) ? s : stemmed[p] = SearchText.ToIndexed(p)));
        var titleWords = new Dictionary<string, int>();

        await using var tx = c.BeginTransaction();
        var hubIds = new Dictionary<string, int>();
        var id = 1;
        foreach (var (slug, name, parent, _) in Hubs)
        {
            hubIds[slug] = id;
            Exec(c, $"INSERT INTO Hubs (Id, ParentId, Slug, Name, Description, SortOrder, ThreadCount, SolvedCount) VALUES ({id}, {(parent is null ? "NULL" : hubIds[parent])}, '{slug}', '{name}', 'Fragen und Antworten rund um {name}.', {id}, 0, 0)", tx);
            id++;
        }
        var weighted = Hubs.Where(h => h.Weight > 0).SelectMany(h => Enumerable.Repeat(hubIds[h.Slug], h.Weight)).ToArray();

        using (var cmd = Command(c, tx, """
            INSERT INTO AspNetUsers (Id, UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed, PhoneNumberConfirmed, TwoFactorEnabled,
                                     LockoutEnabled, AccessFailedCount, JoinedAt, Bio, Reputation, MailPreference)
            VALUES ($id, $name, upper($name), $name || '@example.com', upper($name || '@example.com'), 1, 0, 0, 1, 0, $joined, '', 0, 2)
            """, "$id", "$name", "$joined"))
            for (var u = 0; u < size.Users; u++)
                Run(cmd, $"u{u}", $"member{u}", SqliteCommunityDb.Ticks(now.AddDays(-1200 + u % 1100)));

        // A few very active helpers answer most questions, as in every community.
        string Helper() => $"u{(int)(Math.Pow(random.NextDouble(), 3) * size.Users)}";
        string Anyone() => $"u{random.Next(size.Users)}";
        (string Markdown, string Html, string Text) Body()
        {
            var parts = Enumerable.Range(0, random.Next(2, 6)).Select(_ => paragraphs[random.Next(paragraphs.Length)]).ToList();
            return (string.Join("\n\n", parts.Select(p => p.Markdown)), string.Join("\n", parts.Select(p => p.Html)), string.Join("\n", parts.Select(p => p.Text)));
        }

        using var threadCmd = Command(c, tx, """
            INSERT INTO Threads (Id, HubId, Title, Slug, AuthorId, Tags, CreatedAt, LastActivityAt, AcceptedPostId, Status, AnswerCount, IsLocked, IsHidden, FirstAnswerAt, SolvedAt)
            VALUES ($id, $hub, $title, $slug, $author, $tags, $created, $last, $accepted, $status, $answers, 0, 0, $first, $solved)
            """, "$id", "$hub", "$title", "$slug", "$author", "$tags", "$created", "$last", "$accepted", "$status", "$answers", "$first", "$solved");
        using var postCmd = Command(c, tx, """
            INSERT INTO Posts (Id, ThreadId, AuthorId, IsQuestion, BodyMarkdown, BodyHtml, BodyText, CreatedAt, KudosCount, IsHidden, IsOfficial)
            VALUES ($id, $thread, $author, $question, $md, $html, $text, $created, $kudos, 0, 0)
            """, "$id", "$thread", "$author", "$question", "$md", "$html", "$text", "$created", "$kudos");
        using var kudosCmd = Command(c, tx, "INSERT INTO Kudos (PostId, UserId, GivenAt) VALUES ($post, $user, $at)", "$post", "$user", "$at");
        using var ledgerCmd = Command(c, tx, """
            INSERT INTO Ledger (UserId, Points, Reason, SourceUserId, PostId, ThreadId, HubId, At, Day) VALUES ($user, $points, $reason, $source, $post, $thread, $hub, $at, $day)
            """, "$user", "$points", "$reason", "$source", "$post", "$thread", "$hub", "$at", "$day");
        using var docCmd = Command(c, tx, "INSERT INTO search_docs(rowid, title, question, answers, tags, facets) VALUES ($id, $title, $question, $answers, $tags, $facets)",
            "$id", "$title", "$question", "$answers", "$tags", "$facets");
        Exec(c, "CREATE TEMP TABLE AnswerDays (HubId INTEGER, Day INTEGER, UserId TEXT)", tx);
        using var answerDayCmd = Command(c, tx, "INSERT INTO temp.AnswerDays VALUES ($hub, $day, $user)", "$hub", "$day", "$user");

        var written = 0;
        var threadId = 0;
        var postId = 0;
        var (typical, longThread) = (0, 0);
        var longThreads = Math.Max(1, size.Posts / 200_000);
        while (written < size.Posts)
        {
            threadId++;
            // Mostly a handful of answers; a few threads grow to 300+ answers.
            var answers = threadId <= longThreads ? 300 + random.Next(60) : (int)Math.Min(40, -Math.Log(1 - random.NextDouble()) * 8.5);
            answers = Math.Min(answers, Math.Max(0, size.Posts - written - 1));
            var hub = weighted[random.Next(weighted.Length)];
            // Three years of questions, in the order of their ids (as a live forum numbers them).
            var asked = now.AddMinutes(-3 * 365 * 24 * 60 * (1 - (double)written / size.Posts) - random.Next(60));
            var asker = Anyone();
            var title = $"{Problems[random.Next(Problems.Length)]} ({threadId})";
            var questionId = ++postId;
            var q = Body();
            Run(postCmd, questionId, threadId, asker, 1, q.Markdown, q.Html, q.Text, SqliteCommunityDb.Ticks(asked), 0);
            var at = asked;
            var answerIds = new List<(int Id, string Author, DateTimeOffset At)>();
            var answerTexts = new List<SearchDocument.AnswerText>();
            for (var a = 0; a < answers; a++)
            {
                at = at.AddMinutes(5 + random.Next(600));
                if (at > now) at = now;
                var author = Helper();
                if (author == asker) author = Anyone();
                var answerId = ++postId;
                var kudos = random.Next(10) < 3 ? random.Next(1, 4) : 0;
                var body = Body();
                Run(postCmd, answerId, threadId, author, 0, body.Markdown, body.Html, body.Text, SqliteCommunityDb.Ticks(at), kudos);
                Run(answerDayCmd, hub, calendar.DayKey(at), author);
                var voters = new HashSet<string>();
                while (voters.Count < kudos) if (Anyone() is var v && v != author) voters.Add(v);
                foreach (var voter in voters)
                {
                    Run(kudosCmd, answerId, voter, SqliteCommunityDb.Ticks(at));
                    Run(ledgerCmd, author, 10, (int)PointsReason.KudosReceived, voter, answerId, threadId, hub, SqliteCommunityDb.Ticks(at), calendar.DayKey(at));
                }
                answerIds.Add((answerId, author, at));
                answerTexts.Add(new SearchDocument.AnswerText(body.Text, false, kudos, at));
            }
            int? accepted = null;
            DateTimeOffset? solvedAt = null;
            if (answerIds.Count > 0 && random.Next(10) < 6)
            {
                var solution = answerIds[random.Next(answerIds.Count)];
                accepted = solution.Id;
                solvedAt = solution.At.AddMinutes(30) > now ? now : solution.At.AddMinutes(30);
                Run(ledgerCmd, solution.Author, 15, (int)PointsReason.SolutionAccepted, asker, solution.Id, threadId, hub, SqliteCommunityDb.Ticks(solvedAt.Value), calendar.DayKey(solvedAt.Value));
            }
            var last = solvedAt is { } s && s > at ? s : at;
            var tags = " " + Problems[threadId % Problems.Length].Split(' ')[0].ToLowerInvariant() + " ";
            var solutionIndex = accepted is { } acc ? answerIds.FindIndex(x => x.Id == acc) : -1;
            if (solutionIndex >= 0) answerTexts[solutionIndex] = answerTexts[solutionIndex] with { IsSolution = true };
            var doc = SearchDocument.Build(hub, accepted is null ? ThreadStatus.Open : ThreadStatus.Solved, title, tags, q.Text, answerTexts, Index);
            Run(docCmd, threadId, doc.Title, doc.Question, doc.Answers, doc.Tags, doc.Facets);
            foreach (var word in Spelling.OfferableWords(title + " " + tags))
                titleWords[word] = titleWords.GetValueOrDefault(word) + 1;
            Run(threadCmd, threadId, hub, title, Slug.From(title), asker, tags,
                SqliteCommunityDb.Ticks(asked), SqliteCommunityDb.Ticks(last), accepted, accepted is null ? 0 : 1, answerIds.Count,
                answerIds.Count > 0 ? SqliteCommunityDb.Ticks(answerIds[0].At) : null, solvedAt is { } sa ? SqliteCommunityDb.Ticks(sa) : null);
            written += 1 + answers;
            if (threadId == longThreads) longThread = threadId;
            if (typical == 0 && answers is >= 8 and <= 12) typical = threadId;
            if (threadId % 20_000 == 0) Console.Error.WriteLine($"  {written:N0} posts …");
        }
        await tx.CommitAsync();

        Console.Error.WriteLine("  search index, aggregates, counters …");
        await using (var wordsTx = c.BeginTransaction())
        {
            using var wordCmd = Command(c, wordsTx, "INSERT INTO SearchWords (Word, Threads) VALUES ($word, $threads)", "$word", "$threads");
            foreach (var (word, threads) in titleWords) Run(wordCmd, word, threads);
            await wordsTx.CommitAsync();
        }
        foreach (var trigger in triggers) Exec(c, trigger);
        Exec(c, AggregateSql.HubChain + AggregateSql.Daily(withAnswers: true) + AggregateSql.TotalsAndReputation);
        Exec(c, """
            UPDATE Hubs SET ThreadCount = (SELECT COUNT(*) FROM Threads t WHERE t.HubId = Hubs.Id AND NOT t.IsHidden),
                            SolvedCount = (SELECT COUNT(*) FROM Threads t WHERE t.HubId = Hubs.Id AND NOT t.IsHidden AND t.Status = 1);
            """);
        // The tag pages' index (ThreadTags), as the app writes it when a thread is asked.
        Exec(c, """
            WITH RECURSIVE split(id, rest, tag) AS (
                SELECT Id, ltrim(Tags) || ' ', NULL FROM Threads WHERE trim(Tags) <> ''
                UNION ALL
                SELECT id, ltrim(substr(rest, instr(rest, ' ') + 1)), substr(rest, 1, instr(rest, ' ') - 1) FROM split WHERE rest <> ''
            )
            INSERT OR IGNORE INTO ThreadTags (Tag, ThreadId) SELECT tag, id FROM split WHERE tag IS NOT NULL AND tag <> '';
            """);
        Exec(c, "ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);");
        return new Landmarks(typical == 0 ? Math.Min(threadId, longThreads + 1) : typical, longThread);
    }

    [GeneratedRegex(@"CREATE TRIGGER (\w+)")]
    private static partial Regex TriggerName();

    private static SqliteCommand Command(SqliteConnection c, SqliteTransaction tx, string sql, params string[] names)
    {
        var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var n in names) cmd.Parameters.Add(new SqliteParameter(n, null));
        cmd.Prepare();
        return cmd;
    }

    private static void Run(SqliteCommand cmd, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) cmd.Parameters[i].Value = values[i] ?? DBNull.Value;
        cmd.ExecuteNonQuery();
    }

    private static void Exec(SqliteConnection c, string sql, SqliteTransaction? tx = null)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
