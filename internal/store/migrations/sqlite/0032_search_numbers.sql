-- The parts of a number ("2.000", "5,5") now stay a pair for quoted
-- phrases (store/search_pairs.go): stories indexed before wait to be
-- indexed again, newest first, by the server's background job
-- (store.ReindexPending); meanwhile section filters use the join alone.
INSERT INTO search_pending (article_id) SELECT rowid FROM article_search
    WHERE rowid NOT IN (SELECT article_id FROM search_pending);
