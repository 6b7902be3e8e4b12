-- A story's word pairs get a document of their own, and its single words
-- stay in document, now kept in the row itself (STORAGE MAIN: about 3 KB
-- a story, where the two together, about 7.7 KB, went to TOAST). A search
-- for common words walks the newest stories checking each one's
-- document: one row read instead of a TOAST index lookup and four chunks
-- ("dau tu cong" at 100,000 stories: 25–40 → 6–10 ms). Pairs are read
-- for phrases only. Stories indexed before wait to be indexed again
-- (search_pending), newest first; meanwhile a phrase also looks for its
-- pairs in the words' document, where those rows still have them.
ALTER TABLE article_search ADD COLUMN pairs TSVECTOR NOT NULL DEFAULT '';
ALTER TABLE article_search ALTER COLUMN document SET STORAGE MAIN;
CREATE INDEX article_search_pairs ON article_search USING GIN (pairs) WITH (fastupdate = off);
INSERT INTO search_pending (article_id) SELECT article_id FROM article_search
    ON CONFLICT (article_id) DO NOTHING;

-- search_in_range (0030) with the two documents: w for the words', p
-- (NULL: no phrase) for the pairs'. The pairs are checked on the words'
-- matches in the range, which the caller keeps to a few thousand.
DROP FUNCTION search_in_range(tsquery, bigint, bigint);
CREATE FUNCTION search_in_range(w tsquery, p tsquery, lo bigint, hi bigint)
RETURNS TABLE (article_id bigint)
LANGUAGE sql STABLE
SET enable_seqscan = off
SET enable_indexscan = off
AS $$
    SELECT s.article_id FROM article_search s
    WHERE s.document @@ w AND s.article_id BETWEEN lo AND hi
      AND (p IS NULL OR s.pairs @@ p OR s.document @@ p)
$$;
