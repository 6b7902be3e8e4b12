-- The search index takes each story's words into its tree as the story is
-- written, instead of into a pending list merged later (GIN's fastupdate,
-- on by default). Every search reads the whole pending list, and the list
-- is merged by whoever writes next or by autovacuum: writers skip the
-- merge while another is at it, so a bulk import with autovacuum running
-- left 15 GB of list at 1,000,000 stories and every search took 4 s
-- until it was merged (docs/BENCHMARKS.md). A paper writes tens of
-- stories a day and searches all day: writing costs a little more (the
-- seeder's three transactions at once 10–30 % slower), searches never
-- wait. What an older server left in the list is merged now: a few MB in
-- the normal case (an index with a list of gigabytes is quicker rebuilt,
-- REINDEX INDEX article_search_document, before upgrading).
ALTER INDEX article_search_document SET (fastupdate = off);
SELECT gin_clean_pending_list('article_search_document'::regclass);
