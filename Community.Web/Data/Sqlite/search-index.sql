-- The SQLite FTS5 index over thread titles and post text. Its rowid is the post's id, so an edit or hide touches
-- one row. Triggers keep it in step with Posts and Threads in the same transaction that changed them.
CREATE VIRTUAL TABLE search_index USING fts5(
    thread_id UNINDEXED, post_id UNINDEXED, title, body,
    tokenize = 'unicode61 remove_diacritics 2');

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
