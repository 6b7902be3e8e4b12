-- Each story's indexed text now ends with its section's token
-- (store/search_query.go), so a section filter narrows the index walk
-- itself. Stories indexed before wait to be indexed again; until none
-- waits, section filters use the join alone.
INSERT INTO search_pending (article_id) SELECT article_id FROM article_search
    ON CONFLICT (article_id) DO NOTHING;
