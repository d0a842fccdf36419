using Community.Web.Infrastructure.Caching;
using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Community.Domain.Threads;
using Community.Web.Data;
using Community.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Seo;

/// <summary>robots.txt, the paged sitemap and the Atom/RSS feeds: how search engines and readers find the threads.</summary>
public static class SeoEndpoints
{
    public const int SitemapPageSize = 10_000;
    public const int FeedSize = 30;
    private static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    public static void MapSeo(this IEndpointRouteBuilder app)
    {
        app.MapGet("/robots.txt", (PublicUrls urls) => Results.Text($"""
            User-agent: *
            Allow: /
            Disallow: /account/
            Disallow: /admin/
            Disallow: /moderation
            Disallow: /queue
            Disallow: /escalations
            Disallow: /notifications
            Disallow: /ask
            Disallow: /search
            Disallow: /api/
            Sitemap: {urls.Absolute("/sitemap.xml")}

            """, "text/plain; charset=utf-8")).ExcludeFromDescription().CacheOutput(AnonymousPagePolicy.PublicDocument);

        // The index points at pages of 10,000 threads each, so a forum with millions of threads stays within the protocol's limits.
        // The web app manifest: "add to home screen" names the community and uses its icon.
        app.MapGet("/manifest.webmanifest", (Branding brand) => Results.Json(new
        {
            name = brand.SiteName, short_name = brand.SiteName, start_url = "/", display = "standalone", background_color = "#ffffff", theme_color = "#0b5cab",
            icons = new[] { new { src = "/favicon.svg", sizes = "any", type = "image/svg+xml" }, new { src = "/favicon.ico", sizes = "32x32", type = "image/x-icon" } },
        }, contentType: "application/manifest+json")).ExcludeFromDescription();
        app.MapGet("/sitemap.xml", async (CommunityDb db, PublicUrls urls, CancellationToken ct) =>
        {
            var count = await db.Threads.CountAsync(ct);
            var lastActivity = count == 0 ? (DateTimeOffset?)null : await db.Threads.MaxAsync(t => (DateTimeOffset?)t.LastActivityAt, ct);
            var pages = Math.Max(1, (count + SitemapPageSize - 1) / SitemapPageSize);
            var index = new XElement(Sitemap + "sitemapindex",
                new XElement(Sitemap + "sitemap", new XElement(Sitemap + "loc", urls.Absolute("/sitemaps/hubs.xml"))),
                Enumerable.Range(1, pages).Select(p => new XElement(Sitemap + "sitemap",
                    new XElement(Sitemap + "loc", urls.Absolute($"/sitemaps/threads-{p}.xml")),
                    lastActivity is null ? null : new XElement(Sitemap + "lastmod", W3c(lastActivity.Value)))));
            return Xml(index, "application/xml");
        }).ExcludeFromDescription().CacheOutput(AnonymousPagePolicy.PublicDocument);

        app.MapGet("/sitemaps/threads-{page:int}.xml", async (int page, CommunityDb db, PublicUrls urls, CancellationToken ct) =>
        {
            if (page < 1 || page > int.MaxValue / SitemapPageSize) return Results.NotFound();
            var threads = await db.Threads.AsNoTracking().OrderBy(t => t.Id).Skip((page - 1) * SitemapPageSize).Take(SitemapPageSize)
                .Select(t => new { t.Id, t.Slug, t.LastActivityAt }).ToListAsync(ct);
            if (threads.Count == 0 && page > 1) return Results.NotFound();
            return Xml(new XElement(Sitemap + "urlset", threads.Select(t => new XElement(Sitemap + "url",
                new XElement(Sitemap + "loc", urls.Absolute(Urls.Thread(t.Id, t.Slug))),
                new XElement(Sitemap + "lastmod", W3c(t.LastActivityAt))))), "application/xml");
        }).ExcludeFromDescription().CacheOutput(AnonymousPagePolicy.PublicDocument);

        app.MapGet("/sitemaps/hubs.xml", async (CommunityDb db, PublicUrls urls, CancellationToken ct) =>
        {
            var hubs = await db.Hubs.AsNoTracking().OrderBy(h => h.SortOrder).Select(h => h.Slug).ToListAsync(ct);
            return Xml(new XElement(Sitemap + "urlset",
                new XElement(Sitemap + "url", new XElement(Sitemap + "loc", urls.Absolute("/"))),
                hubs.Select(slug => new XElement(Sitemap + "url", new XElement(Sitemap + "loc", urls.Absolute(Urls.Hub(slug)))))), "application/xml");
        }).ExcludeFromDescription().CacheOutput(AnonymousPagePolicy.PublicDocument);

        app.MapGet("/hubs/{slug}/feed.atom", (string slug, CommunityDb db, PublicUrls urls, CancellationToken ct) => HubFeedAsync(slug, db, urls, atom: true, ct)).ExcludeFromDescription().CacheOutput(AnonymousPagePolicy.PublicDocument);
        app.MapGet("/hubs/{slug}/feed.rss", (string slug, CommunityDb db, PublicUrls urls, CancellationToken ct) => HubFeedAsync(slug, db, urls, atom: false, ct)).ExcludeFromDescription().CacheOutput(AnonymousPagePolicy.PublicDocument);
        app.MapGet("/tags/{tag}.atom", (string tag, CommunityDb db, PublicUrls urls, CancellationToken ct) => TagFeedAsync(tag, db, urls, ct)).ExcludeFromDescription().CacheOutput(AnonymousPagePolicy.PublicDocument);
        app.MapGet("/feeds/solved.atom", (CommunityDb db, PublicUrls urls, CancellationToken ct) => SolvedFeedAsync(db, urls, atom: true, ct)).ExcludeFromDescription().CacheOutput(AnonymousPagePolicy.PublicDocument);
        app.MapGet("/feeds/solved.rss", (CommunityDb db, PublicUrls urls, CancellationToken ct) => SolvedFeedAsync(db, urls, atom: false, ct)).ExcludeFromDescription().CacheOutput(AnonymousPagePolicy.PublicDocument);
    }

    private sealed record Entry(int Id, string Slug, string Title, string Hub, string Author, string Summary, DateTimeOffset Published, DateTimeOffset Updated);

    private static async Task<IResult> HubFeedAsync(string slug, CommunityDb db, PublicUrls urls, bool atom, CancellationToken ct)
    {
        var hub = await db.Hubs.AsNoTracking().FirstOrDefaultAsync(h => h.Slug == slug, ct);
        if (hub is null) return Results.NotFound();
        var ids = await SubtreeAsync(db, hub.Id, ct);
        var entries = await EntriesAsync(db, db.Threads.Where(t => ids.Contains(t.HubId)).OrderByDescending(t => t.CreatedAt), ct);
        return Feed($"{hub.Name} – Community", Urls.Hub(hub.Slug), $"/hubs/{hub.Slug}/feed.{(atom ? "atom" : "rss")}", entries, urls, atom);
    }

    private static async Task<IResult> TagFeedAsync(string tag, CommunityDb db, PublicUrls urls, CancellationToken ct)
    {
        var normalized = Slug.Normalize(tag);
        var ids = db.Set<Tags.ThreadTag>().Where(x => x.Tag == normalized).OrderByDescending(x => x.ThreadId).Take(FeedSize).Select(x => x.ThreadId);
        if (normalized.Length == 0 || !await ids.AnyAsync(ct)) return Results.NotFound();
        var entries = await EntriesAsync(db, db.Threads.Where(t => ids.Contains(t.Id)).OrderByDescending(t => t.Id), ct);
        return Feed($"{normalized} – Community", Urls.Tag(normalized), Urls.Tag(normalized) + ".atom", entries, urls, atom: true);
    }

    private static async Task<IResult> SolvedFeedAsync(CommunityDb db, PublicUrls urls, bool atom, CancellationToken ct)
    {
        var entries = await EntriesAsync(db, db.Threads.Where(t => t.Status == ThreadStatus.Solved).OrderByDescending(t => t.LastActivityAt), ct);
        return Feed("Solved questions – Community", "/", $"/feeds/solved.{(atom ? "atom" : "rss")}", entries, urls, atom);
    }

    private static async Task<List<Entry>> EntriesAsync(CommunityDb db, IQueryable<ForumThread> threads, CancellationToken ct) =>
        (await (from t in threads.Take(FeedSize)
                join h in db.Hubs on t.HubId equals h.Id
                join u in db.Users on t.AuthorId equals u.Id
                join p in db.Posts on t.Id equals p.ThreadId
                where p.IsQuestion && !p.IsHidden
                select new { t.Id, t.Slug, t.Title, Hub = h.Name, Author = u.UserName!, p.BodyText, t.CreatedAt, t.LastActivityAt })
            .ToListAsync(ct))
        .Select(x => new Entry(x.Id, x.Slug, x.Title, x.Hub, x.Author, Shorten(x.BodyText, 300), x.CreatedAt, x.LastActivityAt))
        .OrderByDescending(e => e.Updated).ToList();

    private static IResult Feed(string title, string page, string self, IReadOnlyList<Entry> entries, PublicUrls urls, bool atom)
    {
        var updated = entries.Count == 0 ? DateTimeOffset.UnixEpoch : entries.Max(e => e.Updated);
        if (atom)
        {
            var feed = new XElement(Atom + "feed",
                new XElement(Atom + "title", title),
                new XElement(Atom + "id", urls.Absolute(self)),
                new XElement(Atom + "updated", W3c(updated)),
                new XElement(Atom + "link", new XAttribute("rel", "self"), new XAttribute("href", urls.Absolute(self))),
                new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("href", urls.Absolute(page))),
                entries.Select(e => new XElement(Atom + "entry",
                    new XElement(Atom + "title", e.Title),
                    new XElement(Atom + "id", urls.Absolute(Urls.Thread(e.Id))),
                    new XElement(Atom + "link", new XAttribute("href", urls.Absolute(Urls.Thread(e.Id, e.Slug)))),
                    new XElement(Atom + "published", W3c(e.Published)),
                    new XElement(Atom + "updated", W3c(e.Updated)),
                    new XElement(Atom + "author", new XElement(Atom + "name", e.Author)),
                    new XElement(Atom + "category", new XAttribute("term", e.Hub)),
                    new XElement(Atom + "summary", e.Summary))));
            return Xml(feed, "application/atom+xml");
        }
        var rss = new XElement("rss", new XAttribute("version", "2.0"), new XAttribute(XNamespace.Xmlns + "atom", Atom),
            new XElement("channel",
                new XElement("title", title),
                new XElement("link", urls.Absolute(page)),
                new XElement("description", title),
                new XElement(Atom + "link", new XAttribute("rel", "self"), new XAttribute("href", urls.Absolute(self)), new XAttribute("type", "application/rss+xml")),
                new XElement("lastBuildDate", updated.ToString("r", CultureInfo.InvariantCulture)),
                entries.Select(e => new XElement("item",
                    new XElement("title", e.Title),
                    new XElement("link", urls.Absolute(Urls.Thread(e.Id, e.Slug))),
                    new XElement("guid", new XAttribute("isPermaLink", "false"), urls.Absolute(Urls.Thread(e.Id))),
                    new XElement("pubDate", e.Published.ToString("r", CultureInfo.InvariantCulture)),
                    new XElement("category", e.Hub),
                    new XElement("description", e.Summary)))));
        return Xml(rss, "application/rss+xml");
    }

    private static async Task<List<int>> SubtreeAsync(CommunityDb db, int root, CancellationToken ct)
    {
        var hubs = await db.Hubs.AsNoTracking().Select(h => new { h.Id, h.ParentId }).ToListAsync(ct);
        return HubTree.WithDescendants(hubs.Select(h => (h.Id, h.ParentId)), [root]);
    }

    /// <summary>Cuts on a text-element boundary, so an emoji is never split in half.</summary>
    private static string Shorten(string text, int max)
    {
        if (text.Length <= max) return text;
        var info = new StringInfo(text);
        var cut = 0;
        for (var i = 0; i < info.LengthInTextElements && cut + info.SubstringByTextElements(i, 1).Length <= max - 1; i++) cut += info.SubstringByTextElements(i, 1).Length;
        return text[..cut] + "…";
    }

    private static string W3c(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Control characters that XML cannot hold (a stray one in a post) are dropped rather than failing the whole feed.</summary>
    private static IResult Xml(XElement root, string contentType)
    {
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false, CheckCharacters = false };
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, settings))
            new XDocument(new XDeclaration("1.0", "utf-8", null), Clean(root)).Save(writer);
        return Results.Bytes(stream.ToArray(), contentType + "; charset=utf-8");
    }

    private static XElement Clean(XElement e)
    {
        foreach (var text in e.DescendantNodes().OfType<XText>())
        {
            var v = text.Value;
            var kept = new StringBuilder(v.Length);
            for (var i = 0; i < v.Length; i++)
            {
                if (XmlConvert.IsXmlChar(v[i])) kept.Append(v[i]);
                else if (i + 1 < v.Length && XmlConvert.IsXmlSurrogatePair(v[i + 1], v[i])) kept.Append(v[i]).Append(v[++i]); // emoji and the like
            }
            text.Value = kept.ToString();
        }
        return e;
    }
}
