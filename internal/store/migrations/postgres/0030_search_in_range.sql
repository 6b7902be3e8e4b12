-- The stories of an id range whose document matches q, found through the
-- GIN index (store/search_query.go: a date-range search whose words are
-- not common in the range). Left to itself the planner walks the range's
-- ids and checks each document: it counts `@@` as cheap, but each check
-- reads a TOASTed document (a month of 6,000 stories: 42 ms from memory,
-- 545 ms from disk, for the 259 that match "giáo dục"). With index scans
-- and sequential scans off it intersects the index's matches with the
-- range's ids as bitmaps (3 ms), reading documents of no story: or, for
-- words it takes for common, reads the range with a check of each, the
-- walk's own cost and no more.
CREATE FUNCTION search_in_range(q tsquery, lo bigint, hi bigint)
RETURNS TABLE (article_id bigint)
LANGUAGE sql STABLE
SET enable_seqscan = off
SET enable_indexscan = off
AS $$
    SELECT s.article_id FROM article_search s
    WHERE s.document @@ q AND s.article_id BETWEEN lo AND hi
$$;
