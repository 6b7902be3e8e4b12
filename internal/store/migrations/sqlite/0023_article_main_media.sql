-- A story's main media: the video the page plays first (video stories,
-- listed under /tv/). Deleting the item leaves the story without it.
ALTER TABLE articles ADD COLUMN main_media_id INTEGER REFERENCES media_items(id) ON DELETE SET NULL;
CREATE INDEX articles_main_media ON articles(main_media_id) WHERE main_media_id IS NOT NULL;
