using System.Text.Encodings.Web;
using Community.Domain.Ranks;
using Community.Web.Infrastructure;
using Community.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;

namespace Community.Web.Features.Reputation;

/// <summary>A person's name as shown everywhere: the profile link, the rank, and a staff-given title.</summary>
public static class AuthorHtml
{
    /// <summary>The rank and its tooltip are in the request's language (rank names from Ranks:Ladder, the tooltip from SharedResource).</summary>
    public static IHtmlContent Author(this IHtmlHelper html, string name, int reputation, string? title = null)
    {
        var services = html.ViewContext.HttpContext.RequestServices;
        var ladder = services.GetRequiredService<RankLadder>();
        var localizer = services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var rank = ladder.RankFor(reputation);
        // The encoder the views use: umlauts in German rank names are written as they are.
        var enc = services.GetService<HtmlEncoder>() ?? HtmlEncoder.Default;
        var titleHtml = string.IsNullOrWhiteSpace(title) ? "" : $" <span class=\"title-badge\">{enc.Encode(title)}</span>";
        var tooltip = localizer["{0} reputation", reputation.ToString("N0")].Value;
        return new HtmlString(
            $"<span class=\"person\"><a class=\"author\" href=\"/u/{enc.Encode(Uri.EscapeDataString(name))}\" data-card=\"{enc.Encode(Uri.EscapeDataString(name))}\">" +
            $"<img class=\"avatar\" src=\"{enc.Encode(Urls.Avatar(name))}\" alt=\"\" width=\"24\" height=\"24\" loading=\"lazy\" />{enc.Encode(name)}</a> " +
            $"<span class=\"rank\" title=\"{enc.Encode(tooltip)}\">{enc.Encode(rank.DisplayName())}</span>{titleHtml}</span>");
    }
}
