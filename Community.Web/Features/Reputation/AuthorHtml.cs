using Community.Domain.Ranks;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using System.Text.Encodings.Web;

namespace Community.Web.Features.Reputation;

/// <summary>A person's name as shown everywhere: the profile link, the rank, and a staff-given title.</summary>
public static class AuthorHtml
{
    public static IHtmlContent Author(this IHtmlHelper html, string name, int reputation, string? title = null)
    {
        var ladder = html.ViewContext.HttpContext.RequestServices.GetRequiredService<RankLadder>();
        var rank = ladder.RankFor(reputation);
        var enc = HtmlEncoder.Default;
        var titleHtml = string.IsNullOrWhiteSpace(title) ? "" : $" <span class=\"title-badge\">{enc.Encode(title)}</span>";
        return new HtmlString(
            $"<span class=\"person\"><a class=\"author\" href=\"/u/{enc.Encode(Uri.EscapeDataString(name))}\">{enc.Encode(name)}</a> " +
            $"<span class=\"rank\" title=\"{reputation} reputation\">{enc.Encode(rank.Name)}</span>{titleHtml}</span>");
    }
}
