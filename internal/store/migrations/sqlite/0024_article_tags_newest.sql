-- "Tin liên quan" reads each tag's newest stories from the index, newest
-- first, and stops after a few hundred: (tag_id, article_id) serves that
-- range read in order, and any read by tag alone.
CREATE INDEX article_tags_tag_article ON article_tags (tag_id, article_id);
DROP INDEX article_tags_tag;
