using AngleSharp.Dom;
using Ganss.Xss;
using Markdig;

namespace Community.Web.Infrastructure;

public sealed record RenderedMarkdown(string Html, string Text);

/// <summary>
/// Markdown to safe HTML: Markdig (raw HTML disabled) and then an allow-list sanitizer, so even a bug in
/// either stage cannot put script, event handlers or javascript:/data: URLs on a page.
/// </summary>
public sealed class MarkdownRenderer
{
    public const string LinkRel = "nofollow ugc noopener";

    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseAutoLinks()
        .UseTaskLists()
        .UseEmphasisExtras()
        .UseFootnotes()
        .UseSoftlineBreakAsHardlineBreak()
        .DisableHtml()
        .Build();

    private readonly HtmlSanitizer _sanitizer = CreateSanitizer();

    public RenderedMarkdown Render(string markdown)
    {
        var source = markdown.Replace("\r\n", "\n");
        string raw;
        try
        {
            raw = Markdown.ToHtml(source, _pipeline);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IndexOutOfRangeException)
        {
            // Input the rules let through but Markdig cannot take (pathological nesting): the writer gets a reason, not a 500.
            throw ValidationFailedException.For("Body", "This text cannot be shown: simplify its formatting (deeply nested quotes or lists).");
        }
        var html = _sanitizer.Sanitize(raw);
        // U+E000/U+E001 mark search matches in snippets; user text must not contain them.
        var text = Markdown.ToPlainText(source, _pipeline).Replace("\uE000", "").Replace("\uE001", "").Trim();
        return new RenderedMarkdown(html, text);
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var s = new HtmlSanitizer();
        s.AllowedTags.Clear();
        s.AllowedTags.UnionWith([
            "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "em", "strong", "del",
            "ins", "mark", "sub", "sup", "a", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "input", "div",
        ]);
        s.AllowedAttributes.Clear();
        s.AllowedAttributes.UnionWith(["href", "title", "align", "start", "type", "checked", "disabled", "class"]);
        s.AllowedClasses.Clear();
        s.AllowedClasses.UnionWith(["contains-task-list", "task-list-item", "task-list-item-checkbox"]);
        // Footnotes (Markdig) and table column alignment (from the style Markdig writes; the CSP allows no inline style).
        s.AllowedClasses.UnionWith(["footnotes", "footnote-ref", "footnote-back-ref", "align-left", "align-center", "align-right"]);
        s.AllowedClasses.UnionWith(["language-csharp", "language-json", "language-bash", "language-text", "language-xml"]);
        s.AllowedCssProperties.Clear();
        s.AllowedAtRules.Clear();
        s.AllowedSchemes.Clear();
        s.AllowedSchemes.UnionWith(["http", "https", "mailto"]);
        s.UriAttributes.Clear();
        s.UriAttributes.UnionWith(["href"]);
        s.AllowDataAttributes = false;
        s.RemovingAttribute += (_, e) =>
        {
            // A table column's alignment (|:--|--:|) becomes a class the theme styles.
            if (e.Attribute.Name == "style" && e.Tag.LocalName is "th" or "td"
                && System.Text.RegularExpressions.Regex.Match(e.Attribute.Value, @"^\s*text-align:\s*(left|center|right);?\s*$") is { Success: true } align)
                e.Tag.ClassList.Add("align-" + align.Groups[1].Value);
            // Footnote anchors keep their ids (fn:1, fnref:1): no id a script could mistake for a global.
            else if (e.Attribute.Name == "id" && System.Text.RegularExpressions.Regex.IsMatch(e.Attribute.Value, @"^fn(ref)?:\d{1,4}$"))
                e.Cancel = true;
        };
        // Images would make every visitor's browser call a third-party host; they become plain links instead.
        s.RemovingTag += (_, e) =>
        {
            if (e.Tag.LocalName != "img" || e.Tag.Parent is null) return;
            var src = e.Tag.GetAttribute("src") ?? "";
            if (!Uri.TryCreate(src, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)) return;
            var link = e.Tag.Owner!.CreateElement("a");
            link.SetAttribute("href", uri.AbsoluteUri);
            link.SetAttribute("rel", LinkRel);
            var alt = e.Tag.GetAttribute("alt");
            link.TextContent = "Image: " + (string.IsNullOrWhiteSpace(alt) ? uri.Host : alt);
            e.Tag.Parent.InsertBefore(link, e.Tag);
        };
        s.PostProcessNode += (_, e) =>
        {
            if (e.Node is not IElement el) return;
            if (el.LocalName == "a")
            {
                el.SetAttribute("rel", LinkRel);
            }
            else if (el.LocalName == "div" && el.ClassName != "footnotes")
            {
                // Only Markdig's footnotes block; any other div keeps its text, not its box.
                el.Replace([.. el.ChildNodes]);
            }
            else if (el.LocalName == "input")
            {
                // Only the disabled checkboxes of task lists; never a live form field in someone's post.
                if (el.GetAttribute("type") != "checkbox") el.Remove();
                else el.SetAttribute("disabled", "disabled");
            }
        };
        return s;
    }
}
