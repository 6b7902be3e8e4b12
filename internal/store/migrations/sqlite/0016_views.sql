-- Readers' views of published stories. Each server counts them in memory
-- (a reader once per story per 30 minutes, recognised by a hash that is
-- never stored) and adds its counts here in batches: one row per story
-- and hour (UTC), so "Đọc nhiều" over 24 hours or 7 days is a range of
-- the hour index, and several servers' batches simply add up.
CREATE TABLE article_views (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    hour       TIMESTAMP NOT NULL,
    views      INTEGER NOT NULL,
    PRIMARY KEY (article_id, hour)
);
CREATE INDEX article_views_by_hour ON article_views(hour);
