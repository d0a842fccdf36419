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
        .Use<MentionExtension>()
        .DisableHtml()
        .Build();

    private readonly HtmlSanitizer _sanitizer;

    public MarkdownRenderer(Community.Domain.Uploads.UploadOptions? uploads = null) => _sanitizer = CreateSanitizer(uploads ?? new());

    /// <summary>The names written as @name in <paramref name="markdown"/> (outside code), each once, in order.</summary>
    public IReadOnlyList<string> MentionedNames(string markdown)
    {
        // Most posts mention nobody: no parse for them.
        if (!markdown.Contains('@')) return [];
        var found = new List<string>();
        var context = new MarkdownParserContext();
        context.Properties[MentionParser.CollectKey] = found;
        try
        {
            Markdown.Parse(markdown.Replace("\r\n", "\n"), _pipeline, context);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IndexOutOfRangeException)
        {
            return [];
        }
        return found.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <param name="mentions">The @names that belong to someone (any spelling of the name → the name as written on the account); they become profile links.</param>
    public RenderedMarkdown Render(string markdown, IReadOnlyDictionary<string, string>? mentions = null)
    {
        var source = markdown.Replace("\r\n", "\n");
        string raw;
        try
        {
            var context = new MarkdownParserContext();
            if (mentions is { Count: > 0 }) context.Properties[MentionParser.KnownKey] = mentions;
            raw = Markdown.ToHtml(source, _pipeline, context);
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

    /// <summary>An image this site stored (Features/Uploads): its key carries the size, so the page reserves the space.</summary>
    private static readonly System.Text.RegularExpressions.Regex UploadedImage =
        new(@"^/uploads/(?<key>[0-9a-f]{32}-(?<w>\d{1,5})x(?<h>\d{1,5}))\.(?<ext>png|jpg|webp)$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static HtmlSanitizer CreateSanitizer(Community.Domain.Uploads.UploadOptions uploads)
    {
        var s = new HtmlSanitizer();
        s.AllowedTags.Clear();
        s.AllowedTags.UnionWith([
            "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "em", "strong", "del",
            "ins", "mark", "sub", "sup", "a", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "input", "div", "img",
        ]);
        s.AllowedAttributes.Clear();
        s.AllowedAttributes.UnionWith(["href", "title", "align", "start", "type", "checked", "disabled", "class", "src", "alt"]);
        s.AllowedClasses.Clear();
        s.AllowedClasses.UnionWith(["contains-task-list", "task-list-item", "task-list-item-checkbox", "mention"]);
        // Footnotes (Markdig) and table column alignment (from the style Markdig writes; the CSP allows no inline style).
        s.AllowedClasses.UnionWith(["footnotes", "footnote-ref", "footnote-back-ref", "align-left", "align-center", "align-right"]);
        s.AllowedClasses.UnionWith(["language-csharp", "language-json", "language-bash", "language-text", "language-xml"]);
        s.AllowedCssProperties.Clear();
        s.AllowedAtRules.Clear();
        s.AllowedSchemes.Clear();
        s.AllowedSchemes.UnionWith(["http", "https", "mailto"]);
        s.UriAttributes.Clear();
        s.UriAttributes.UnionWith(["href", "src"]);
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
        s.PostProcessNode += (_, e) =>
        {
            if (e.Node is not IElement el) return;
            if (el.LocalName == "img")
            {
                ShowImage(el, uploads.ThumbnailWidth);
            }
            else if (el.LocalName == "a")
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

    /// <summary>
    /// An image this site stored shows inline: its thumbnail, sized, lazily loaded, linked to the full image. Any other
    /// image would make every visitor's browser call a third-party host, so it becomes a plain link instead.
    /// </summary>
    private static void ShowImage(IElement img, int thumbnailWidth)
    {
        var src = img.GetAttribute("src") ?? "";
        var alt = img.GetAttribute("alt");
        if (UploadedImage.Match(src) is { Success: true } m && img.Parent is not null)
        {
            var (w, h) = (int.Parse(m.Groups["w"].Value), int.Parse(m.Groups["h"].Value));
            var (tw, th) = Community.Domain.Uploads.ImageRules.ThumbnailSize(w, h, thumbnailWidth);
            var thumb = (tw, th) == (w, h) ? src : $"/uploads/{m.Groups["key"].Value}.thumb.{m.Groups["ext"].Value}";
            var link = img.Owner!.CreateElement("a");
            link.SetAttribute("href", src);
            link.SetAttribute("class", "uploaded-image");
            var picture = img.Owner.CreateElement("img");
            picture.SetAttribute("src", thumb);
            picture.SetAttribute("alt", string.IsNullOrWhiteSpace(alt) ? "" : alt);
            picture.SetAttribute("width", tw.ToString(System.Globalization.CultureInfo.InvariantCulture));
            picture.SetAttribute("height", th.ToString(System.Globalization.CultureInfo.InvariantCulture));
            picture.SetAttribute("loading", "lazy");
            link.AppendChild(picture);
            img.Replace(link);
            return;
        }
        if (Uri.TryCreate(src, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && img.Parent is not null)
        {
            var link = img.Owner!.CreateElement("a");
            link.SetAttribute("href", uri.AbsoluteUri);
            link.SetAttribute("rel", LinkRel);
            link.TextContent = "Image: " + (string.IsNullOrWhiteSpace(alt) ? uri.Host : alt);
            img.Replace(link);
            return;
        }
        // Anything else (a relative path that is not a stored upload, data:, protocol-relative): only its words stay.
        if (string.IsNullOrWhiteSpace(alt)) img.Remove();
        else img.Replace(img.Owner!.CreateTextNode(alt));
    }
}
