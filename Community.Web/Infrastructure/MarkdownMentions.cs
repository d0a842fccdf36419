using Markdig;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax.Inlines;

namespace Community.Web.Infrastructure;

/// <summary>An @mention of an existing account; rendered as a link to the profile.</summary>
public sealed class MentionInline : LeafInline
{
    public required string UserName { get; init; }
}

/// <summary>
/// Reads <c>@name</c> (letters, digits, '.', '_', '-', as user names allow) where it starts a word, never inside code
/// or an e-mail address. With <see cref="CollectKey"/> in the parser context it only lists the names it saw; with
/// <see cref="KnownKey"/> it makes a <see cref="MentionInline"/> for the names that belong to someone, and leaves any
/// other @word as plain text.
/// </summary>
public sealed class MentionParser : InlineParser
{
    public const string CollectKey = "mentions.collect";
    public const string KnownKey = "mentions.known";
    public const int MaxNameLength = 64;

    public MentionParser() => OpeningCharacters = ['@'];

    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        var before = slice.PeekCharExtra(-1);
        if (before.IsAlphaNumeric() || before is '.' or '_' or '-' or '@' or '/' or '\\' or '+') return false;
        var text = slice.Text;
        var start = slice.Start + 1;
        var end = start;
        while (end <= slice.End && end - start < MaxNameLength && IsNameChar(text[end])) end++;
        // A sentence's full stop after a name is not part of it.
        while (end > start && text[end - 1] is '.' or '-' or '_') end--;
        if (end == start) return false;
        var name = text[start..end];
        var properties = processor.Context?.Properties;
        if (properties is null) return false;
        if (properties.TryGetValue(CollectKey, out var c) && c is List<string> collect)
        {
            collect.Add(name);
            return false;
        }
        if (!properties.TryGetValue(KnownKey, out var k) || k is not IReadOnlyDictionary<string, string> known || !known.TryGetValue(name, out var userName))
            return false;
        processor.Inline = new MentionInline { UserName = userName, Span = new Markdig.Syntax.SourceSpan(processor.GetSourcePosition(slice.Start, out var line, out var column), 0) };
        processor.Inline.Line = line;
        processor.Inline.Column = column;
        slice.Start = end;
        return true;
    }

    private static bool IsNameChar(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '.' or '_' or '-';
}

public sealed class MentionRenderer : HtmlObjectRenderer<MentionInline>
{
    protected override void Write(HtmlRenderer renderer, MentionInline mention)
    {
        if (!renderer.EnableHtmlForInline)
        {
            renderer.Write('@').Write(mention.UserName);
            return;
        }
        renderer.Write("<a class=\"mention\" href=\"").WriteEscapeUrl(Urls.Profile(mention.UserName)).Write("\">@").WriteEscape(mention.UserName).Write("</a>");
    }
}

public sealed class MentionExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        if (!pipeline.InlineParsers.Contains<MentionParser>()) pipeline.InlineParsers.Insert(0, new MentionParser());
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer html && !html.ObjectRenderers.Contains<MentionRenderer>()) html.ObjectRenderers.Insert(0, new MentionRenderer());
    }
}
