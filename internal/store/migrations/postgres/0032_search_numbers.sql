-- Each story's indexed words are now cut in Go, [a-z0-9] runs, as a
-- search cuts a reader's words: PostgreSQL's parser kept "2.000" one
-- token, which no search asks for, so "2.000 người" found nothing. The
-- parts of a number ("2.000", "5,5") also stay a pair for quoted phrases.
-- Stories indexed before wait to be indexed again, newest first, by the
-- server's background job (store.ReindexPending); meanwhile section
-- filters use the join alone.
INSERT INTO search_pending (article_id) SELECT article_id FROM article_search
    ON CONFLICT (article_id) DO NOTHING;
