-- Full-text search over text folded in Go (marks removed, đ→d, lower
-- case), so "duong" finds "đường" and "hoà"/"hòa" match alike; SQLite's own
-- folding leaves đ and double marks alone. Rowid is the article id.
CREATE VIRTUAL TABLE article_search USING fts5(title, lead, body, tokenize = 'unicode61 remove_diacritics 0');

-- The home page's featured stories: without this, finding the few
-- featured ones walks every published article.
CREATE INDEX articles_featured ON articles (featured, status, published_at DESC, id DESC);
