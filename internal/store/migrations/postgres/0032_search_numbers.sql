-- Each story's indexed words are now cut in Go, [a-z0-9] runs, as a
-- search cuts a reader's words: PostgreSQL's parser kept "2.000" one
-- token, which no search asks for, so "2.000 người" found nothing. The
-- parts of a number ("2.000", "5,5") also stay a pair for quoted phrases.
-- Stories indexed before wait to be indexed again, newest first, by the
-- server's background job (store.ReindexPending); meanwhile section
-- filters use the join alone.
INSERT INTO search_pending (article_id) SELECT article_id FROM article_search
    ON CONFLICT (article_id) DO NOTHING;

-- Each story's single words (and its section's token) again, in a table
-- of their own kept in the row (STORAGE MAIN: about 3 KB a story), for
-- the walks newest first that common words take: a walk checks each
-- story's words, one row read, where article_search's document (words
-- and pairs, 7.7 KB) is in TOAST, a lookup and four chunks ("dau tu
-- cong" at 100,000 stories: 25–40 → 6–10 ms). article_search stays as it
-- is, narrow, for the GIN index's bitmaps, which visit a row per match.
-- The column is named as article_search's so one condition fits both.
-- Filled as every story is indexed again (above); searches use it only
-- once none waits.
CREATE TABLE search_words (
    article_id BIGINT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    document   TSVECTOR NOT NULL
);
ALTER TABLE search_words ALTER COLUMN document SET STORAGE MAIN;

-- The stories whose document matches q, found through the GIN index
-- alone, as search_in_range (0030) for a range: a search without dates
-- whose words the newest stories show uncommon (store/search_query.go).
-- Left to itself the planner took a word it has no statistics for as in
-- 0.5 % of the stories and walked them all newest first checking each
-- document: 4.2 s for a word in none at 1,000,000 stories.
CREATE FUNCTION search_matching(q tsquery)
RETURNS TABLE (article_id bigint)
LANGUAGE sql STABLE
SET enable_seqscan = off
SET enable_indexscan = off
AS $$
    SELECT s.article_id FROM article_search s WHERE s.document @@ q
$$;
