namespace Community.Web.Data;

/// <summary>The SQLite full-text index and its triggers (Data/Sqlite/search-index.sql), created by the initial migration.</summary>
public static class SearchIndexSql
{
    public static string Create
    {
        get
        {
            using var stream = typeof(SearchIndexSql).Assembly.GetManifestResourceStream("Community.Web.search-index.sql")
                ?? throw new InvalidOperationException("Data/Sqlite/search-index.sql is missing from the build.");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }

    public const string Drop = """
        DROP TRIGGER IF EXISTS posts_search_ad;
        DROP TRIGGER IF EXISTS posts_search_au;
        DROP TRIGGER IF EXISTS posts_search_ai;
        DROP TRIGGER IF EXISTS threads_search_ad;
        DROP TRIGGER IF EXISTS threads_search_au;
        DROP TRIGGER IF EXISTS threads_search_ai;
        DROP TABLE IF EXISTS search_docs;
        """;
}
