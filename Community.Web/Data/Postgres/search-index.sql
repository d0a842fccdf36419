-- The PostgreSQL search index: one row per thread, written by PostgresSearchIndex from stemmed text
-- (Community.Domain.Search.SearchDocument): a weighted tsvector and the thread's facets, both GIN-indexed.
-- The triggers only note which threads changed (SearchPending); the app rewrites their documents before the
-- same transaction commits, so a search never sees a state the database does not have.
CREATE TABLE search_docs (
    thread_id integer PRIMARY KEY,
    doc tsvector NOT NULL,
    facets text[] NOT NULL
);
CREATE INDEX search_docs_doc ON search_docs USING gin (doc);
CREATE INDEX search_docs_facets ON search_docs USING gin (facets);

CREATE FUNCTION search_note_thread() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        INSERT INTO "SearchPending" ("ThreadId", "TitleChanged") VALUES (OLD."Id", false) ON CONFLICT DO NOTHING;
        RETURN OLD;
    END IF;
    INSERT INTO "SearchPending" ("ThreadId", "TitleChanged")
    VALUES (NEW."Id", TG_OP = 'INSERT' OR NEW."Title" IS DISTINCT FROM OLD."Title" OR NEW."Tags" IS DISTINCT FROM OLD."Tags")
    ON CONFLICT ("ThreadId") DO UPDATE SET "TitleChanged" = "SearchPending"."TitleChanged" OR excluded."TitleChanged";
    RETURN NEW;
END $$;

CREATE FUNCTION search_note_post() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "SearchPending" ("ThreadId", "TitleChanged")
    VALUES (CASE WHEN TG_OP = 'DELETE' THEN OLD."ThreadId" ELSE NEW."ThreadId" END, false)
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

CREATE TRIGGER threads_search_aid AFTER INSERT OR DELETE ON "Threads" FOR EACH ROW EXECUTE FUNCTION search_note_thread();
CREATE TRIGGER threads_search_au AFTER UPDATE OF "Title", "Tags", "Status", "AcceptedPostId", "HubId", "IsHidden" ON "Threads"
    FOR EACH ROW EXECUTE FUNCTION search_note_thread();
CREATE TRIGGER posts_search_aid AFTER INSERT OR DELETE ON "Posts" FOR EACH ROW EXECUTE FUNCTION search_note_post();
CREATE TRIGGER posts_search_au AFTER UPDATE OF "BodyText", "IsHidden" ON "Posts" FOR EACH ROW EXECUTE FUNCTION search_note_post();
