-- The SQLite FTS5 index: one document per thread (rowid = thread id), written by SqliteSearchIndex from stemmed
-- text (Community.Domain.Search.SearchDocument). It is contentless: the text lives in Posts and Threads.
-- The triggers only note which threads changed (SearchPending); the app rewrites their documents before the
-- same transaction commits, so a search never sees a state the database does not have.
CREATE VIRTUAL TABLE search_docs USING fts5(
    title, question, answers, tags, facets,
    content = '', contentless_delete = 1,
    tokenize = "unicode61 remove_diacritics 2 tokenchars '_'");

CREATE TRIGGER threads_search_ai AFTER INSERT ON Threads BEGIN
    INSERT INTO SearchPending(ThreadId, TitleChanged) VALUES (new.Id, 1)
    ON CONFLICT(ThreadId) DO UPDATE SET TitleChanged = 1;
END;

CREATE TRIGGER threads_search_au AFTER UPDATE OF Title, Tags, Status, AcceptedPostId, HubId, IsHidden ON Threads BEGIN
    INSERT INTO SearchPending(ThreadId, TitleChanged)
    VALUES (new.Id, CASE WHEN new.Title <> old.Title OR new.Tags <> old.Tags THEN 1 ELSE 0 END)
    ON CONFLICT(ThreadId) DO UPDATE SET TitleChanged = MAX(TitleChanged, excluded.TitleChanged);
END;

CREATE TRIGGER threads_search_ad AFTER DELETE ON Threads BEGIN
    INSERT OR IGNORE INTO SearchPending(ThreadId, TitleChanged) VALUES (old.Id, 0);
END;

CREATE TRIGGER posts_search_ai AFTER INSERT ON Posts BEGIN
    INSERT OR IGNORE INTO SearchPending(ThreadId, TitleChanged) VALUES (new.ThreadId, 0);
END;

CREATE TRIGGER posts_search_au AFTER UPDATE OF BodyText, IsHidden ON Posts BEGIN
    INSERT OR IGNORE INTO SearchPending(ThreadId, TitleChanged) VALUES (new.ThreadId, 0);
END;

CREATE TRIGGER posts_search_ad AFTER DELETE ON Posts BEGIN
    INSERT OR IGNORE INTO SearchPending(ThreadId, TitleChanged) VALUES (old.ThreadId, 0);
END;
