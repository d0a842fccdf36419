using System.Text.RegularExpressions;
using System.Xml.Linq;
using Community.Web.Infrastructure.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Community.Tests.Features;

/// <summary>Every UI text the code asks for has an English and a German entry with the same placeholders.</summary>
public partial class TranslationCoverageTests
{
    private static readonly string Repo = FindRepo();
    private static readonly string ResourceBase = Path.Combine(Repo, "Community.Web", "Infrastructure", "Localization", "SharedResource");

    private static string FindRepo()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Community.sln"))) return dir.FullName;
        throw new InvalidOperationException("Community.sln not found above " + AppContext.BaseDirectory);
    }

    private static Dictionary<string, string> Entries(string path) =>
        XDocument.Load(path).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);

    // L["…"], H["…"], localizer["…"], T("…"), and the string literals with placeholders in message templates (Saying, Notify).
    [GeneratedRegex("""(?:\b(?:L|H|localizer)\[|\bT\()\s*"((?:[^"\\]|\\.)*)"|(?<!\$)"((?:[^"\\]|\\.)*\{0\}(?:[^"\\]|\\.)*)"(?=[^;]*(?:Saying|Notify|\);))""")]
    private static partial Regex KeyUse();

    private static string Unescape(string csharp) => Regex.Unescape(csharp.Replace("\\\"", "\""));

    public static IEnumerable<(string File, string Key)> UsedKeys()
    {
        var web = Path.Combine(Repo, "Community.Web");
        var files = Directory.EnumerateFiles(web, "*.cshtml", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(web, "*.cs", SearchOption.AllDirectories))
            .Concat(Directory.EnumerateFiles(Path.Combine(Repo, "Community.Domain"), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")
                        && !f.Contains("Migrations"));
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            var notifies = text.Contains(".Saying(") || text.Contains("desk.NotifyAsync(");
            foreach (Match m in KeyUse().Matches(text))
            {
                if (m.Groups[1].Success) yield return (Path.GetRelativePath(Repo, file), Unescape(m.Groups[1].Value));
                else if (notifies) yield return (Path.GetRelativePath(Repo, file), Unescape(m.Groups[2].Value));
            }
        }
    }

    [Fact]
    public void Every_text_the_UI_asks_for_is_in_both_resource_files()
    {
        var english = Entries(ResourceBase + ".resx");
        var german = Entries(ResourceBase + ".de.resx");
        var used = UsedKeys().ToList();
        Assert.True(used.Count > 300, $"Only {used.Count} texts found; has the way views ask for texts changed?");
        var missing = used.Where(u => !german.ContainsKey(u.Key) || !english.ContainsKey(u.Key)).Select(u => $"{u.File}: \"{u.Key}\"").Distinct().ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} texts without a translation:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Both_resource_files_have_the_same_keys_and_each_translation_keeps_the_placeholders()
    {
        var english = Entries(ResourceBase + ".resx");
        var german = Entries(ResourceBase + ".de.resx");
        Assert.Equal(english.Keys.Order(), german.Keys.Order());
        // The resource compiler treats keys as case-insensitive and silently keeps only one of "Give kudos" and "give kudos".
        var caseTwins = german.Keys.GroupBy(k => k, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => string.Join(" / ", g)).ToList();
        Assert.True(caseTwins.Count == 0, "Keys that differ only in case: " + string.Join("; ", caseTwins));
        var broken = german.Where(e => e.Value.Trim().Length == 0 || !Placeholders(e.Key).SetEquals(Placeholders(e.Value)))
            .Select(e => $"\"{e.Key}\" -> \"{e.Value}\"").ToList();
        Assert.True(broken.Count == 0, "Translations that lose or add a placeholder:\n" + string.Join("\n", broken));
        Assert.All(english, e => Assert.Equal(e.Key, e.Value));
    }

    [Fact]
    public void Texts_passed_as_arguments_privileges_and_fixed_badges_are_translated_too()
    {
        var german = Entries(ResourceBase + ".de.resx");
        var badges = typeof(Community.Domain.Reputation.Badges).GetFields().Where(f => f.FieldType == typeof(Community.Domain.Reputation.BadgeInfo))
            .Select(f => (Community.Domain.Reputation.BadgeInfo)f.GetValue(null)!).ToList();
        Assert.NotEmpty(badges);
        string[] texts = [.. Enum.GetValues<Community.Domain.Ranks.Privilege>().Select(Community.Domain.Ranks.RankLadder.Describe), .. badges.Select(b => b.Name), .. badges.Select(b => b.Description)];
        Assert.All(texts, t => Assert.True(german.ContainsKey(t), $"No German for \"{t}\""));
    }

    private static HashSet<string> Placeholders(string text) => Regex.Matches(text, @"\{\d+(?::[^}]*)?\}").Select(m => m.Value).ToHashSet();

    /// <summary>The current UI culture's text for an English key, as the app's resources have it.</summary>
    public static string Translate(string english) => Localizer()[english].Value;

    private static IStringLocalizer<SharedResource> Localizer() =>
        new StringLocalizer<SharedResource>(new ResourceManagerStringLocalizerFactory(
            Options.Create(new LocalizationOptions()), Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance));

    [Theory]
    [InlineData("en", "Choose the hub your question belongs to.", "Choose the hub your question belongs to.")]
    [InlineData("de", "Choose the hub your question belongs to.", "Wähle den Bereich, zu dem deine Frage gehört.")]
    [InlineData("de", "A message nobody translated.", "A message nobody translated.")]
    [InlineData("de", "A message nobody translated, with 3 numbers 4 you.", "A message nobody translated, with 3 numbers 4 you.")]
    public void Plain_messages_are_looked_up_as_they_are(string language, string message, string expected)
    {
        using var _ = Languages.Use(language);
        Assert.Equal(expected, Translator().Translate(message));
    }

    [Theory]
    [InlineData("en", "The text must be at most 30,000 characters long (it has 30,001).")]
    [InlineData("de", "Der Text darf höchstens 30.000 Zeichen lang sein (er hat 30.001).")]
    public void Rule_messages_are_templates_whose_numbers_are_formatted_for_the_reader(string language, string expected)
    {
        var refusal = Assert.Single(Community.Domain.Threads.ThreadRules.CheckBody(new string('x', 30_001))).Message;
        using var _ = Languages.Use(language);
        Assert.Equal(expected, Translator().Translate(refusal));
        Assert.Equal("The text must be at most {0:N0} characters long (it has {1:N0}).", refusal.Template);
    }

    private static MessageTranslator Translator() =>
        new(Localizer(), new DisplayTime(Community.Domain.Reputation.CommunityCalendar.For("Europe/Vienna")));

    [Fact]
    public void A_message_echoing_braces_from_input_is_shown_as_it_is()
    {
        using var _ = Languages.Use("de");
        Assert.Equal("There is no hub \"a1{\".", Translator().Translate("There is no hub \"a1{\"."));
    }

    [Theory]
    [InlineData("de", "Du brauchst 50 Reputation (Rang Mitglied), um Beiträge zu melden; du hast 3.")]
    [InlineData("en", "You need 50 reputation (rank Member) to flag posts; you have 3.")]
    public void A_missing_privilege_is_explained_in_the_readers_language_with_the_rank_in_it(string language, string expected)
    {
        var refusal = Assert.Throws<Community.Domain.ForbiddenException>(() =>
            new Community.Domain.Ranks.RankLadder(new Community.Domain.Ranks.RankOptions()).Ensure(3, false, Community.Domain.Ranks.Privilege.FlagPosts));
        using var _ = Languages.Use(language);
        Assert.Equal(expected, Translator().Translate(refusal));
        Assert.Equal("You need 50 reputation (rank Member) to flag posts; you have 3.", refusal.Message);
    }

    [Fact]
    public void Dates_are_shown_in_the_communitys_time_zone_in_the_readers_format()
    {
        var times = new DisplayTime(Community.Domain.Reputation.CommunityCalendar.For("Europe/Vienna"));
        var at = new DateTimeOffset(2026, 3, 5, 14, 7, 0, TimeSpan.Zero);
        using (Languages.Use("de")) Assert.Equal("05.03.2026 15:07", times.DateAndTime(at));
        // ICU puts a narrow no-break space before AM/PM.
        using (Languages.Use("en")) Assert.Equal("3/5/2026 3:07 PM", times.DateAndTime(at).Replace('\u202f', ' '));
        using (Languages.Use("de")) Assert.Equal("<time datetime=\"2026-03-05T14:07:00Z\">05.03.2026</time>", times.Day(at).ToString());
        using (Languages.Use("de")) Assert.Equal("Januar 2027", DisplayTime.Month(2027, 1));
        using (Languages.Use("en")) Assert.Equal("January 2027", DisplayTime.Month(2027, 1));
    }
}
