-- The search index now also holds each pair of neighbouring syllables as
-- one token (store/search_pairs.go), and phrases are searched by them.
-- Stories indexed before wait here to be indexed again, newest first, by
-- a background job of the server (store.ReindexPending); meanwhile their
-- old rows still answer words, and phrases find the stories done.
CREATE TABLE search_pending (
    article_id BIGINT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE
);
INSERT INTO search_pending (article_id) SELECT article_id FROM article_search;
