-- "Tin liên quan" picked by editors: up to six stories per story, in the
-- order they were picked (position from 0). The reader's page shows the
-- picks that are published first, then stories sharing its tags. Either
-- story deleted takes the pick with it.
CREATE TABLE article_related (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    related_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    PRIMARY KEY (article_id, related_id)
);
CREATE INDEX article_related_by_related ON article_related(related_id);
