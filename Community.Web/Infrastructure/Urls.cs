namespace Community.Web.Infrastructure;

/// <summary>
/// The site's addresses, in one place: pages, feeds, the sitemap, mail, notifications and webhooks build them here
/// (the pages' own @page routes are their other half).
/// A thread's canonical address carries its slug; /t/{id} alone redirects there (the fragment survives).
/// </summary>
public static class Urls
{
    public static string Thread(int id, string slug) => $"/t/{id}/{slug}";

    public static string Thread(int id) => $"/t/{id}";

    public static string Post(int threadId, string slug, int postId) => $"{Thread(threadId, slug)}#post-{postId}";

    public static string Post(int threadId, int postId) => $"{Thread(threadId)}#post-{postId}";

    public static string Hub(string slug) => $"/hubs/{slug}";

    /// <summary>A tag's page (tags are stored normalized: lower case, ASCII, hyphens).</summary>
    public static string Tag(string tag) => "/tags/" + Uri.EscapeDataString(tag);

    public static string Profile(string name) => $"/u/{Uri.EscapeDataString(name)}";

    /// <summary>The person's picture: their uploaded avatar or generated initials, from this site (never a third-party service).</summary>
    public static string Avatar(string name) => $"/u/{Uri.EscapeDataString(name)}/avatar";

    public static string Bookmarks => "/bookmarks";

    public static string PostHistory(int postId) => $"/posts/{postId}/history";

    /// <summary>The thread, or one of its posts when <paramref name="postId"/> is given.</summary>
    public static string Thread(int id, string slug, int? postId) => postId is { } p ? Post(id, slug, p) : Thread(id, slug);
}
