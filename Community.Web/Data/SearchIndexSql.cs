namespace Community.Web.Data;

/// <summary>
/// The SQLite FTS5 index over thread titles and post text. Triggers keep it in step with Posts and Threads,
/// so every create, edit and hide is reflected in the same transaction that made it.
/// </summary>
public static class SearchIndexSql
{
    /// <summary>Version 1 (first migration): kept as it was applied.</summary>
    public const string Create = """
        CREATE VIRTUAL TABLE IF NOT EXISTS search_index USING fts5(
            thread_id UNINDEXED, post_id UNINDEXED, title, body,
            tokenize = 'unicode61 remove_diacritics 2');

        CREATE TRIGGER IF NOT EXISTS posts_ai AFTER INSERT ON Posts WHEN new.IsHidden = 0 BEGIN
            INSERT INTO search_index(thread_id, post_id, title, body)
            VALUES (new.ThreadId, new.Id,
                    CASE WHEN new.IsQuestion THEN (SELECT Title FROM Threads WHERE Id = new.ThreadId) ELSE '' END,
                    new.BodyText);
        END;

        CREATE TRIGGER IF NOT EXISTS posts_au AFTER UPDATE OF BodyText, IsHidden ON Posts BEGIN
            DELETE FROM search_index WHERE post_id = old.Id;
            INSERT INTO search_index(thread_id, post_id, title, body)
            SELECT new.ThreadId, new.Id,
                   CASE WHEN new.IsQuestion THEN (SELECT Title FROM Threads WHERE Id = new.ThreadId) ELSE '' END,
                   new.BodyText
            WHERE new.IsHidden = 0;
        END;

        CREATE TRIGGER IF NOT EXISTS posts_ad AFTER DELETE ON Posts BEGIN
            DELETE FROM search_index WHERE post_id = old.Id;
        END;

        CREATE TRIGGER IF NOT EXISTS threads_au AFTER UPDATE OF Title ON Threads BEGIN
            UPDATE search_index SET title = new.Title
            WHERE thread_id = new.Id AND post_id IN (SELECT Id FROM Posts WHERE ThreadId = new.Id AND IsQuestion = 1);
        END;
        """;

    public const string Drop = """
        DROP TRIGGER IF EXISTS threads_au;
        DROP TRIGGER IF EXISTS posts_ad;
        DROP TRIGGER IF EXISTS posts_au;
        DROP TRIGGER IF EXISTS posts_ai;
        DROP TABLE IF EXISTS search_index;
        """;

    /// <summary>
    /// Version 2: the FTS rowid is the post's id, so an edit or hide touches one row through the rowid index
    /// instead of scanning the unindexed post_id column.
    /// </summary>
    public const string CreateV2 = """
        DROP TRIGGER IF EXISTS threads_au;
        DROP TRIGGER IF EXISTS posts_ad;
        DROP TRIGGER IF EXISTS posts_au;
        DROP TRIGGER IF EXISTS posts_ai;
        DELETE FROM search_index;

        CREATE TRIGGER posts_ai AFTER INSERT ON Posts WHEN new.IsHidden = 0 BEGIN
            INSERT INTO search_index(rowid, thread_id, post_id, title, body)
            VALUES (new.Id, new.ThreadId, new.Id,
                    CASE WHEN new.IsQuestion THEN (SELECT Title FROM Threads WHERE Id = new.ThreadId) ELSE '' END,
                    new.BodyText);
        END;

        CREATE TRIGGER posts_au AFTER UPDATE OF BodyText, IsHidden ON Posts BEGIN
            DELETE FROM search_index WHERE rowid = old.Id;
            INSERT INTO search_index(rowid, thread_id, post_id, title, body)
            SELECT new.Id, new.ThreadId, new.Id,
                   CASE WHEN new.IsQuestion THEN (SELECT Title FROM Threads WHERE Id = new.ThreadId) ELSE '' END,
                   new.BodyText
            WHERE new.IsHidden = 0;
        END;

        CREATE TRIGGER posts_ad AFTER DELETE ON Posts BEGIN
            DELETE FROM search_index WHERE rowid = old.Id;
        END;

        CREATE TRIGGER threads_au AFTER UPDATE OF Title ON Threads BEGIN
            UPDATE search_index SET title = new.Title
            WHERE rowid = (SELECT Id FROM Posts WHERE ThreadId = new.Id AND IsQuestion = 1);
        END;

        INSERT INTO search_index(rowid, thread_id, post_id, title, body)
        SELECT p.Id, p.ThreadId, p.Id, CASE WHEN p.IsQuestion THEN t.Title ELSE '' END, p.BodyText
        FROM Posts p JOIN Threads t ON t.Id = p.ThreadId WHERE p.IsHidden = 0;
        """;
}
