using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Community.Web.Features.Dashboard;

/// <summary>Server-rendered bar charts: no script, no CDN; each chart has a title and a text alternative.</summary>
public static class SvgChart
{
    /// <summary>Letters and dashes stay as they are; only markup characters are encoded.</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public sealed record Series(string Name, IReadOnlyList<double> Values, string CssClass);

    /// <summary>A round grid step (1, 2 or 5 × 10^n, at least 1), so axis labels are whole, readable numbers.</summary>
    public static double NiceStep(double rough)
    {
        if (rough <= 1) return 1;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var f = rough / magnitude;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * magnitude;
    }

    public static string Bars(string title, IReadOnlyList<string> labels, IReadOnlyList<Series> series, Func<double, string> format)
    {
        const int width = 720, height = 260, left = 56, bottom = 40, top = 28;
        var e = Encoder;
        var max = NiceStep(series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max() / 4) * 4;
        var plotW = width - left - 10;
        var plotH = height - top - bottom;
        var group = plotW / (double)Math.Max(1, labels.Count);
        var barW = Math.Max(2, group * 0.8 / Math.Max(1, series.Count));
        var summary = string.Join("; ", labels.Select((l, i) => $"{l}: " + string.Join(", ", series.Select(s => $"{s.Name} {format(s.Values[i])}"))));
        var svg = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{e.Encode(title + ". " + summary)}\" xmlns=\"http://www.w3.org/2000/svg\">")
            .Append($"<title>{e.Encode(title)}</title>");
        for (var i = 0; i <= 4; i++)
        {
            var y = top + plotH - plotH * i / 4.0;
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{left}\" x2=\"{width - 10}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\" />")
               .Append(CultureInfo.InvariantCulture, $"<text class=\"axis\" x=\"{left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">{e.Encode(format(max * i / 4))}</text>");
        }
        for (var i = 0; i < labels.Count; i++)
        {
            var x0 = left + group * i + group * 0.1;
            for (var s = 0; s < series.Count; s++)
            {
                var v = series[s].Values[i];
                var h = plotH * v / max;
                svg.Append(CultureInfo.InvariantCulture,
                    $"<rect class=\"{series[s].CssClass}\" x=\"{x0 + barW * s:0.#}\" y=\"{top + plotH - h:0.#}\" width=\"{barW:0.#}\" height=\"{h:0.#}\"><title>{e.Encode($"{labels[i]} – {series[s].Name}: {format(v)}")}</title></rect>");
            }
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"axis\" x=\"{left + group * i + group / 2:0.#}\" y=\"{height - bottom + 16}\" text-anchor=\"middle\">{e.Encode(labels[i])}</text>");
        }
        var lx = left;
        foreach (var s in series)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"{s.CssClass}\" x=\"{lx}\" y=\"6\" width=\"12\" height=\"12\" /><text class=\"legend\" x=\"{lx + 16}\" y=\"16\">{e.Encode(s.Name)}</text>");
            lx += 30 + s.Name.Length * 7;
        }
        return svg.Append("</svg>").ToString();
    }
}
