-- Full-text search over text folded in Go (marks removed, đ→d, lower
-- case), so "duong" finds "đường" and "hoà"/"hòa" match alike; the 'simple'
-- configuration neither stems nor drops words, which suits Vietnamese.
CREATE TABLE article_search (
    article_id BIGINT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    title      TEXT NOT NULL,
    lead       TEXT NOT NULL,
    body       TEXT NOT NULL,
    document   TSVECTOR NOT NULL
);
CREATE INDEX article_search_document ON article_search USING GIN (document);

-- The home page's featured stories: without this, finding the few
-- featured ones walks every published article.
CREATE INDEX articles_featured ON articles (featured, status, published_at DESC, id DESC);
