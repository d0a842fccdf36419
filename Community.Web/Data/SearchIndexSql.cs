namespace Community.Web.Data;

/// <summary>The search index and its triggers, created by each provider's initial migration: Data/Sqlite/search-index.sql (FTS5) and Data/Postgres/search-index.sql (tsvector).</summary>
public static class SearchIndexSql
{
    public static string Create => Read("Community.Web.search-index.sql");

    public static string PostgresCreate => Read("Community.Web.search-index.postgres.sql");

    private static string Read(string name)
    {
        using var stream = typeof(SearchIndexSql).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{name} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
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

    public const string PostgresDrop = """
        DROP TABLE IF EXISTS search_docs;
        DROP TRIGGER IF EXISTS posts_search_au ON "Posts";
        DROP TRIGGER IF EXISTS posts_search_aid ON "Posts";
        DROP TRIGGER IF EXISTS threads_search_au ON "Threads";
        DROP TRIGGER IF EXISTS threads_search_aid ON "Threads";
        DROP FUNCTION IF EXISTS search_note_post();
        DROP FUNCTION IF EXISTS search_note_thread();
        """;
}
