using System.Text.RegularExpressions;
using Community.Web.Infrastructure;
using Snapshooter;
using Snapshooter.Xunit;

namespace Community.Tests.Features;

/// <summary>Snapshots of what posts become; review every change to a snapshot like a security fix.</summary>
public class MarkdownTests
{
    private static readonly MarkdownRenderer Renderer = new();

    public static TheoryData<string, string> Cases => new()
    {
        { "formatting", "# Title\n\n**bold** *em* ~~gone~~ `code`\n\n> quoted\n\n- one\n- two\n\n1. first\n2. second" },
        { "table", "| Tarif | Preis |\n|:--|--:|\n| Basic | 10 € |\n| Pro | 20 € |" },
        { "fenced-code", "```csharp\nvar x = \"<b>\";\n```" },
        { "autolink", "See https://example.com/help?a=1&b=2 and <https://example.org>" },
        { "task-list", "- [x] router restarted\n- [ ] cable checked" },
        { "script-tag", "Hello <script>alert('x')</script> world" },
        { "event-handler", "<img src=x onerror=alert(1)> and <a href=\"https://x.test\" onclick=\"steal()\">click</a>" },
        { "javascript-link", "[click me](javascript:alert(1)) and [data](data:text/html;base64,PHNjcmlwdD4=) and [vb](vbscript:msgbox)" },
        { "obfuscated-link", "[x](JaVaScRiPt:alert(1)) [y](&#106;avascript:alert(1)) [z]( javascript:alert(1))" },
        { "raw-html-block", "<div style=\"position:fixed\"><iframe src=\"https://evil.test\"></iframe></div>" },
        { "image", "![logo](https://example.com/logo.png) ![x](javascript:alert(1)) ![](http://example.com/a.png \"t\")" },
        { "mail-link", "[mail](mailto:help@example.com)" },
        { "footnotes", "Der Router[^1] blinkt.\n\n[^1]: Die WLAN Box 5G." },
        { "uploaded-image", "![LEDs](/uploads/0123456789abcdef0123456789abcdef-1600x900.png) ![klein](/uploads/0123456789abcdef0123456789abcdef-300x200.jpg)" },
        { "upload-lookalike", "![a](/uploads/../community.db) ![b](/uploads/0123456789abcdef0123456789abcdef-1x1.svg) ![c](//evil.test/uploads/x.png) ![d](/uploads/0123456789abcdef0123456789abcdef-1x1.png\" onerror=\"alert(1))" },
        { "mention-unknown", "@max.expert fragt, mail@example.com nicht, `@code` auch nicht." },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Markdown_renders_to_sanitised_html(string name, string markdown)
    {
        var rendered = Renderer.Render(markdown);
        Snapshot.Match(new { markdown, rendered.Html, rendered.Text }, SnapshotNameExtension.Create(name));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Nothing_executable_survives(string name, string markdown)
    {
        // Hostile text may remain visible as escaped text; what must never appear is a live tag or attribute.
        var tags = Regex.Matches(Renderer.Render(markdown).Html, "<([a-zA-Z0-9]+)([^>]*)>");
        foreach (Match tag in tags)
        {
            var (element, attributes) = (tag.Groups[1].Value.ToLowerInvariant(), tag.Groups[2].Value.ToLowerInvariant());
            // Only this site's stored uploads may be an image (Features/Uploads): nothing else loads from anywhere.
            var upload = element == "img" && Regex.IsMatch(attributes, "^ src=\"/uploads/[0-9a-f]{32}-\\d+x\\d+(\\.thumb)?\\.(png|jpg|webp)\" ");
            var dangerous = element is "script" or "iframe" or "style" or "object" or "embed" or "form" || (element == "img" && !upload)
                || (element == "div" && attributes.Trim() != "class=\"footnotes\"")
                || Regex.IsMatch(attributes, @"\bon[a-z]+\s*=") || attributes.Contains("style=")
                || Regex.IsMatch(attributes, @"href\s*=\s*""\s*(javascript|data|vbscript):");
            Assert.False(dangerous, $"{name}: {tag.Value}");
        }
    }

    [Fact]
    public void Links_get_rel_nofollow_ugc_noopener()
    {
        var html = Renderer.Render("[help](https://example.com) https://auto.example.com").Html;
        Assert.Equal(2, html.Split("rel=\"nofollow ugc noopener\"").Length - 1);
    }
}
