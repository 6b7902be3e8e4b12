-- Finding things in the newsroom, and preview links for outsiders.

-- Each article's title folded in Go (marks removed, đ → d, lower case),
-- its words joined by single spaces after a leading space, so that
-- "% ha%" finds a word that starts with "ha" on both databases with a
-- plain LIKE. The store writes it with the search index on every write
-- of an article; ReindexMissing fills it for articles older than this
-- migration. A table of its own: scanning 100 000 narrow rows costs a
-- tenth of scanning the articles themselves, whose bodies SQLite keeps
-- in the same pages (BenchmarkTitleSearch).
CREATE TABLE article_titles (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    folded     TEXT NOT NULL
);

-- The newsroom's lists: all states newest change first, one member's
-- stories, and ranges of creation or publication days.
CREATE INDEX articles_updated ON articles (updated_at DESC, id DESC);
CREATE INDEX articles_created_by ON articles (created_by, updated_at DESC);
CREATE INDEX articles_created ON articles (created_at);
CREATE INDEX articles_published_day ON articles (published_at);

-- Revoking an article's preview links: a link carries the generation it
-- was made in, and one made before the last revocation is refused. No
-- row means no revocation yet (generation 0).
CREATE TABLE preview_revocations (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    generation INTEGER NOT NULL,
    revoked_at TIMESTAMP NOT NULL
);
