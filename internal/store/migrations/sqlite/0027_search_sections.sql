-- Each story's indexed text now ends with its section's token
-- (store/search_query.go), so a section filter narrows the index walk
-- itself. Stories indexed before wait to be indexed again; until none
-- waits, section filters use the join alone.
INSERT INTO search_pending (article_id) SELECT rowid FROM article_search
    WHERE rowid NOT IN (SELECT article_id FROM search_pending);
-- A search joins each match to its story's state, section and time: a
-- narrow index answers that without reading the story's row (whose body
-- comes before those columns).
CREATE INDEX articles_search_filters ON articles (id, status, section_id, published_at);
