using Community.Domain.Escalation;
using Community.Domain.Moderation;
using Community.Domain.Notifications;
using Community.Domain.Reputation;
using Community.Domain.Threads;
using Community.Web.Features.Reputation;
using Community.Web.Features.Threads;
using Community.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Data;

/// <summary>Realistic demo content for a first start: hubs, people, and threads in German and English.</summary>
public static class DemoSeeder
{
    public const string DemoPassword = "Demo-Passw0rd!";

    private static readonly (string Slug, string Name, string? Parent, string Description, string NameDe, string DescriptionDe)[] HubList =
    [
        ("smartphones", "Smartphones", null, "Questions about phones, apps and settings.", "Smartphones", "Fragen zu Handys, Apps und Einstellungen."),
        ("apple", "Apple", "smartphones", "iPhone models and iOS.", "Apple", "iPhone-Modelle und iOS."),
        ("iphone-16", "iPhone 16", "apple", "Everything about the iPhone 16, 16 Plus, 16 Pro and 16 Pro Max.", "iPhone 16", "Alles zum iPhone 16, 16 Plus, 16 Pro und 16 Pro Max."),
        ("iphone-15", "iPhone 15", "apple", "iPhone 15 family.", "iPhone 15", "Die iPhone-15-Familie."),
        ("samsung", "Samsung", "smartphones", "Galaxy phones and One UI.", "Samsung", "Galaxy-Handys und One UI."),
        ("galaxy-s24", "Galaxy S24", "samsung", "Galaxy S24, S24+ and S24 Ultra.", "Galaxy S24", "Galaxy S24, S24+ und S24 Ultra."),
        ("internet-router", "Internet & Router", null, "Broadband, WLAN, modems and routers.", "Internet & Router", "Breitband, WLAN, Modems und Router."),
        ("wlan-box", "WLAN Box", "internet-router", "Setting up and troubleshooting the WLAN Box.", "WLAN Box", "Einrichtung und Fehlersuche bei der WLAN Box."),
        ("tv", "TV", null, "TV boxes, channels and streaming.", "TV", "TV-Boxen, Sender und Streaming."),
        ("contracts-billing", "Contracts & Billing", null, "Tariffs, invoices, roaming and contract questions.", "Verträge & Rechnungen", "Tarife, Rechnungen, Roaming und Vertragsfragen."),
    ];

    public static IEnumerable<string> DemoNames => People.Select(p => p.Name);

    private static readonly (string Name, string? Role, string Bio)[] People =
    [
        ("anna.berger", null, "Wien, iPhone user."),
        ("markus.huber", null, "Linz. Router tinkerer."),
        ("sophie.wagner", null, ""),
        ("lukas.gruber", null, "Graz."),
        ("eva.pichler", null, "Salzburg, Galaxy fan."),
        ("thomas.steiner", null, ""),
        ("julia.moser", null, "Innsbruck."),
        ("max.expert", null, "Device expert for iPhone and WLAN. Happy to help!"),
        ("maria.mod", Roles.Moderator, "Community moderator."),
        ("sam.support", Roles.Support, "Official support team."),
        ("alex.admin", Roles.Admin, "Runs the community platform."),
    ];

    private sealed record Seed(string Hub, string Asker, string Title, string Body, string[] Tags, (string Who, string Text)[] Answers, int Solution = -1);

    private static readonly Seed[] Threads =
    [
        new("iphone-16", "anna.berger", "iPhone 16 Akku hält nur einen halben Tag", "Seit dem Update auf iOS 18.1 ist mein Akku schon mittags leer. Was kann ich tun?", ["akku", "ios"],
            [("max.expert", "Schau unter **Einstellungen > Batterie**, welche App am meisten verbraucht. Oft ist es die *Hintergrundaktualisierung*. Nach großen Updates indexiert das iPhone außerdem 2–3 Tage lang."), ("lukas.gruber", "Bei mir hat ein Neustart geholfen.")], 0),
        new("iphone-16", "sophie.wagner", "eSIM auf neues iPhone 16 übertragen", "Ich habe ein neues iPhone 16 bekommen. Wie übertrage ich die eSIM vom alten Gerät?", ["esim"],
            [("max.expert", "Beim Einrichten erscheint **eSIM übertragen**. Beide Geräte nebeneinander legen, Bluetooth an. Falls es nicht klappt, im Kundenportal einen neuen QR-Code anfordern."), ("sam.support", "Ergänzung vom Support: Der QR-Code im Kundenportal ist 24 Stunden gültig.")], 0),
        new("iphone-16", "thomas.steiner", "iPhone 16 Pro camera button not working in cold weather", "The camera control button doesn't react when it's below zero outside. Is that normal?", ["camera"],
            [("max.expert", "The capacitive sensor in the button needs skin contact; thick gloves won't work. Try touch-screen gloves.")], 0),
        new("iphone-16", "julia.moser", "WLAN-Anrufe (WiFi Calling) am iPhone 16 aktivieren", "Im Keller habe ich keinen Empfang. Geht WLAN-Telefonie mit meinem Tarif?", ["wifi-calling"],
            [("markus.huber", "Ja, unter **Einstellungen > Mobilfunk > WLAN-Anrufe**. Muss aber vom Tarif unterstützt werden."), ("max.expert", "Alle aktuellen Tarife unterstützen es. Nach dem Einschalten einmal Flugmodus an/aus.")], 1),
        new("iphone-16", "lukas.gruber", "Hotspot auf dem iPhone 16 bricht ständig ab", "Der persönliche Hotspot trennt sich nach ein paar Minuten vom Laptop.", ["hotspot"], []),
        new("iphone-15", "eva.pichler", "iPhone 15 überhitzt beim Laden", "Das Handy wird beim Laden mit dem USB-C Kabel sehr heiß. Ist das gefährlich?", ["laden"],
            [("max.expert", "Etwas Wärme ist normal. Verwende ein zertifiziertes Netzteil (mind. 20 W) und nimm die Hülle beim Laden ab. Optimiertes Laden in den Einstellungen einschalten.")], 0),
        new("iphone-15", "anna.berger", "Voicemail on iPhone 15 shows no messages", "Visual voicemail just says 'Call voicemail'. How do I enable visual voicemail?", ["voicemail"],
            [("sam.support", "Visual voicemail needs to be activated for your number. Please call the voicemail once with the default PIN; after that the tab fills in within an hour.")], 0),
        new("iphone-15", "markus.huber", "iPhone 15 lässt sich nicht mit Auto-Bluetooth verbinden", "Mein Auto (VW Golf 8) findet das iPhone, aber die Kopplung schlägt fehl.", ["bluetooth", "auto"],
            [("thomas.steiner", "Alte Kopplung im Auto und am iPhone löschen und neu koppeln. Hat bei mir gereicht.")]),
        new("galaxy-s24", "eva.pichler", "Galaxy S24: 5G wird nicht angezeigt", "Ich habe einen 5G-Tarif, aber das S24 zeigt immer nur LTE.", ["5g"],
            [("markus.huber", "Einstellungen > Verbindungen > Mobile Netzwerke > Netzmodus auf **5G/LTE/3G/2G (automatisch)** stellen."), ("max.expert", "Und prüfe auf der Netzabdeckungskarte, ob an deinem Standort 5G verfügbar ist.")], 0),
        new("galaxy-s24", "julia.moser", "Galaxy S24 Ultra: how to transfer WhatsApp from iPhone", "I switched from iPhone. Is there a way to bring my WhatsApp chats along?", ["whatsapp", "migration"],
            [("eva.pichler", "Use **Smart Switch** with a USB-C to Lightning cable during setup; it asks to scan a QR code in WhatsApp on the iPhone.")], 0),
        new("galaxy-s24", "thomas.steiner", "S24 Display flackert bei niedriger Helligkeit", "Bei ganz niedriger Helligkeit flackert der Bildschirm leicht. Hardwarefehler?", ["display"],
            [("eva.pichler", "Das ist PWM-Dimmung, bei OLED normal. In den Entwickleroptionen kann man etwas einstellen."), ("max.expert", "Falls es auch bei mittlerer Helligkeit flackert, bitte zum Service.")]),
        new("galaxy-s24", "sophie.wagner", "Galaxy S24 Dual-SIM mit eSIM und physischer SIM", "Kann ich eine private eSIM und eine Firmen-SIM gleichzeitig nutzen?", ["esim", "dual-sim"], []),
        new("wlan-box", "markus.huber", "WLAN Box: Passwort für das WLAN ändern", "Wie ändere ich das WLAN-Passwort meiner WLAN Box? Die Adresse 10.0.0.138 öffnet sich nicht.", ["wlan", "passwort"],
            [("max.expert", "Die Oberfläche erreichst du unter **http://10.0.0.138** nur im Heimnetz, nicht über Mobilfunk. Dort unter *WLAN > Sicherheit* das Passwort ändern. Danach alle Geräte neu verbinden."), ("anna.berger", "Danke, hat bei mir auch geklappt.")], 0),
        new("wlan-box", "lukas.gruber", "Internet bricht jeden Abend um 20 Uhr ab", "Seit einer Woche ist das Internet jeden Abend für ein paar Minuten weg. Die DSL-LED blinkt dann.", ["dsl", "stoerung"],
            [("markus.huber", "Blinkende DSL-LED heißt Synchronisationsverlust. Ist das Kabel direkt an der TAE-Dose angeschlossen, ohne Verlängerung?")]),
        new("wlan-box", "julia.moser", "Port forwarding on the WLAN Box for a game server", "I want to host a Minecraft server. Where do I set up port forwarding?", ["port-forwarding", "gaming"],
            [("max.expert", "Under *Advanced > NAT/Port forwarding*: add TCP 25565 to the local IP of your PC. Give the PC a fixed IP via DHCP reservation first."), ("markus.huber", "Note: with a shared public IP (CGNAT) port forwarding won't work; ask support for a public IPv4.")], 0),
        new("wlan-box", "anna.berger", "WLAN im ersten Stock zu schwach", "Unser Router steht im Erdgeschoss, oben ist das WLAN sehr langsam. Mesh oder Repeater?", ["mesh", "wlan"],
            [("max.expert", "Mesh ist meist besser, weil die Geräte automatisch zum besten Zugangspunkt wechseln. Ein Repeater halbiert die Bandbreite."), ("markus.huber", "Oder ein LAN-Kabel nach oben und dort einen Access Point.")], 0),
        new("wlan-box", "thomas.steiner", "Router shows red internet light after thunderstorm", "After a storm the internet LED is red and nothing works. Restart didn't help.", ["stoerung"],
            [("sam.support", "A red LED after a storm can mean the line or the router's DSL port was damaged. Please run the line test in the customer portal; if it fails we'll send a technician.")]),
        new("internet-router", "sophie.wagner", "Welche Geschwindigkeit bekomme ich wirklich?", "Laut Vertrag 150 Mbit/s, der Speedtest zeigt nur 60. Wie messe ich richtig?", ["speedtest"],
            [("markus.huber", "Messe per LAN-Kabel, nicht über WLAN, und mit keinem anderen Gerät aktiv. Über WLAN sind 60 Mbit/s oft das Limit."), ("max.expert", "Genau. Per Kabel messen und dreimal zu verschiedenen Tageszeiten wiederholen.")], 0),
        new("internet-router", "eva.pichler", "Own router instead of the provided one?", "Can I use my own FritzBox instead of the provided modem?", ["fritzbox"],
            [("markus.huber", "Yes, router freedom applies. You'll need the access data from the customer portal.")], 0),
        new("internet-router", "lukas.gruber", "IPv6 aktivieren", "Wie bekomme ich IPv6 an meinem Anschluss?", ["ipv6"], []),
        new("tv", "anna.berger", "TV Box zeigt 'Kein Signal'", "Nach dem Umstecken zeigt der Fernseher nur 'Kein Signal'.", ["tv-box", "hdmi"],
            [("thomas.steiner", "Am Fernseher den richtigen HDMI-Eingang wählen (Source-Taste)."), ("max.expert", "Und prüfen, ob die Box wirklich an ist: die LED vorne muss weiß leuchten.")], 0),
        new("tv", "julia.moser", "Replay function missing for some channels", "Some channels don't offer replay (7 days back). Is that a setting?", ["replay"],
            [("sam.support", "Replay depends on the broadcaster's licence; a few channels don't allow it. The list is on our TV channel page.")], 0),
        new("tv", "markus.huber", "Netflix App auf der TV Box ruckelt", "Netflix ruckelt auf der TV Box, am Handy läuft es flüssig.", ["netflix", "streaming"],
            [("max.expert", "Box per LAN statt WLAN anschließen und in den Netflix-Einstellungen die Qualität auf Auto stellen.")]),
        new("tv", "sophie.wagner", "Fernbedienung koppeln", "Ich habe eine neue Fernbedienung. Wie koppele ich sie mit der Box?", ["fernbedienung"], []),
        new("contracts-billing", "lukas.gruber", "Rechnung höher als erwartet – Roaming?", "Meine Rechnung ist 40 € höher. Ich war in der Schweiz. Ist die Schweiz nicht EU-Roaming?", ["roaming", "rechnung"],
            [("max.expert", "Die Schweiz ist **nicht** in der EU, das Roaming-Paket gilt dort nicht automatisch. Im Kundenportal siehst du die Einzelverbindungen."), ("sam.support", "Wir haben die Kulanzregel geprüft; melde dich bitte per Kontaktformular mit der Rechnungsnummer.")], 0),
        new("contracts-billing", "eva.pichler", "How to cancel my contract after moving abroad", "I'm moving to Germany. Can I cancel early?", ["kuendigung"],
            [("sam.support", "Moving abroad is a reason for early termination. Send us the deregistration certificate (Abmeldebestätigung) via the contact form.")], 0),
        new("contracts-billing", "thomas.steiner", "Tarifwechsel während der Mindestvertragsdauer", "Kann ich in einen günstigeren Tarif wechseln, obwohl die Bindung noch 8 Monate läuft?", ["tarif"],
            [("markus.huber", "Upgrade geht immer, Downgrade meist erst nach der Bindung.")]),
        new("contracts-billing", "julia.moser", "Invoice as PDF by email", "Where can I switch to receiving invoices as PDF by email?", ["rechnung"],
            [("anna.berger", "Customer portal > Invoices > Delivery method."), ("max.expert", "Exactly. It takes effect from the next billing cycle.")], 0),
        new("contracts-billing", "anna.berger", "SEPA-Lastschrift ändern", "Ich habe ein neues Bankkonto. Wie ändere ich die Bankverbindung?", ["sepa"],
            [("sam.support", "Im Kundenportal unter *Zahlungsart*. Die Änderung gilt ab der nächsten Abbuchung.")], 0),
        new("smartphones", "markus.huber", "Welches Handy für meine Eltern?", "Suche ein einfaches Smartphone mit großer Schrift und guter Kamera für Videotelefonie.", ["kaufberatung"],
            [("eva.pichler", "Ein Galaxy A-Modell im Einfachen Modus."), ("max.expert", "Oder ein iPhone mit *Unterstützender Zugriff* – sehr reduziert und übersichtlich.")]),
        new("smartphones", "sophie.wagner", "Spam-SMS mit Paketbenachrichtigung", "Ich bekomme SMS mit Links zu angeblichen Paketen. Was tun?", ["spam", "sicherheit"],
            [("max.expert", "Nicht auf den Link klicken! SMS löschen und die Nummer blockieren. Falls du schon geklickt hast: App-Installationen prüfen."), ("maria.mod", "Danke für den Hinweis, wir haben eine Warnung in die Ankündigungen gestellt.")], 0),
    ];

    public static async Task SeedAsync(IServiceProvider sp)
    {
        var db = sp.GetRequiredService<CommunityDb>();
        var users = sp.GetRequiredService<UserManager<CommunityUser>>();
        var markdown = sp.GetRequiredService<MarkdownRenderer>();
        var reputation = sp.GetRequiredService<ReputationBook>();
        var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();

        var hubIds = new Dictionary<string, int>();
        var order = 0;
        foreach (var (slug, name, parent, description, nameDe, descriptionDe) in HubList)
        {
            var hub = new Hub { Slug = slug, Name = name, Description = description, NameDe = nameDe, DescriptionDe = descriptionDe, SortOrder = order++, ParentId = parent is null ? null : hubIds[parent] };
            db.Hubs.Add(hub);
            await db.SaveChangesAsync();
            hubIds[slug] = hub.Id;
        }

        var ids = new Dictionary<string, string>();
        foreach (var (name, role, bio) in People)
        {
            // No mail for the notifications the seeding itself causes; switched on at the end.
            var user = new CommunityUser
            {
                UserName = name, Email = $"{name}@example.com", EmailConfirmed = true, JoinedAt = now.AddDays(-200), Bio = bio,
                MailPreference = MailPreference.Off,
            };
            var created = await users.CreateAsync(user, DemoPassword);
            if (!created.Succeeded) throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
            if (role is not null) await users.AddToRoleAsync(user, role);
            ids[name] = user.Id;
        }

        var random = new Random(16_000);
        for (var i = 0; i < Threads.Length; i++)
        {
            var seed = Threads[i];
            var asked = now.AddDays(-(Threads.Length - i) * 2).AddMinutes(-random.Next(600));
            var thread = ForumThread.Start(hubIds[seed.Hub], seed.Title, seed.Tags, ids[seed.Asker], asked);
            db.Threads.Add(thread);
            await db.SaveChangesAsync();
            Features.Tags.ThreadTag.AddFor(db, thread);
            var q = markdown.Render(seed.Body);
            db.Posts.Add(Post.Write(thread.Id, ids[seed.Asker], true, seed.Body, q.Html, q.Text, asked));

            var answers = new List<Post>();
            var at = asked;
            foreach (var (who, text) in seed.Answers)
            {
                at = at.AddMinutes(20 + random.Next(300));
                var r = markdown.Render(text);
                var post = thread.Answer(ids[who], text, r.Html, r.Text, at, bySupport: who == "sam.support");
                db.Posts.Add(post);
                answers.Add(post);
            }
            await db.SaveChangesAsync();
            foreach (var post in answers) await reputation.OnAnswerPostedAsync(post, thread.HubId, post.CreatedAt, default);

            // Kudos and solutions go through the reputation book like real ones, so the demo has points, ranks and badges.
            foreach (var post in answers)
            {
                var givers = People.Select(p => ids[p.Name]).Where(id => id != post.AuthorId).OrderBy(_ => random.Next()).Take(random.Next(0, 5)).ToList();
                foreach (var giver in givers)
                {
                    db.Kudos.Add(new Kudos { PostId = post.Id, UserId = giver, GivenAt = at });
                    await db.SaveChangesAsync();
                    await reputation.OnKudosGivenAsync(post, thread.HubId, giver, at, default);
                }
                await KudosCounter.RecountAsync(db, post.Id, post.AuthorId, default);
            }
            if (seed.Solution >= 0)
            {
                var solvedAt = at.AddHours(1);
                thread.MarkSolution(answers[seed.Solution], thread.AuthorId, isModerator: false, solvedAt);
                await db.SaveChangesAsync();
                await reputation.OnSolutionMarkedAsync(thread, answers[seed.Solution], solvedAt, default);
            }
            await db.SaveChangesAsync();
        }

        // One thread is with support, so the escalation status and the escalations list have something to show.
        var storm = await db.Threads.FirstAsync(t => t.Title == "Router shows red internet light after thunderstorm");
        var escalation = Community.Domain.Escalation.Escalation.Start(storm.Id, ids["maria.mod"],
            "Line test in the portal fails; customer has had no internet for two days. Please check the DSL port or send a technician.",
            EscalationPriority.High, storm.LastActivityAt.AddHours(2));
        escalation.OnSupportAnswer(storm.FirstAnswerAt ?? storm.LastActivityAt);
        escalation.Acknowledge("INC-20261", storm.LastActivityAt.AddHours(3));
        db.Escalations.Add(escalation);
        db.AuditLog.Add(new AuditEntry
        {
            At = escalation.EscalatedAt, ActorId = ids["maria.mod"], Action = ModerationAction.EscalateThread,
            ThreadId = storm.Id, TargetUserId = storm.AuthorId, Reason = escalation.Note, Detail = "priority High",
        });
        await db.SaveChangesAsync();

        // Half a year of reads of the solved threads, so the value dashboard has something to show.
        var calendar = sp.GetRequiredService<CommunityCalendar>();
        var solvedThreads = await db.Threads.Where(t => t.Status == ThreadStatus.Solved).Select(t => new { t.Id, t.HubId, t.SolvedAt }).ToListAsync();
        foreach (var t in solvedThreads)
        {
            // Steps of 24 hours meet one local day twice where daylight saving ends (at some times of day): each day once.
            var days = new HashSet<int>();
            for (var day = now.AddDays(-180); day <= now; day = day.AddDays(1))
                if (day >= t.SolvedAt && days.Add(calendar.DayKey(day)) && random.Next(3) > 0)
                    db.ThreadViewsDaily.Add(new Features.Dashboard.ThreadViewsDaily { ThreadId = t.Id, HubId = t.HubId, Day = calendar.DayKey(day), Views = 5 + random.Next(60) });
        }
        await db.SaveChangesAsync();
        await db.Users.ExecuteUpdateAsync(u => u.SetProperty(x => x.MailPreference, MailPreference.Immediate));
        // The demo writes threads directly, not through Ask: the hub counters are counted once at the end.
        await sp.GetRequiredService<Features.Hubs.HubCounters>().RecountAsync(default);
    }
}
