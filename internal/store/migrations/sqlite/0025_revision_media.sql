-- A revision keeps the story's main video, audio version and programme,
-- so a restore brings them back and the comparison shows them. Revisions
-- written before this one take the story's current ones: restoring them
-- leaves the media as it is, as it did before. A deleted item or
-- programme leaves the revision without it.
ALTER TABLE revisions ADD COLUMN main_media_id INTEGER REFERENCES media_items(id) ON DELETE SET NULL;
ALTER TABLE revisions ADD COLUMN audio_media_id INTEGER REFERENCES media_items(id) ON DELETE SET NULL;
ALTER TABLE revisions ADD COLUMN programme_id INTEGER REFERENCES programmes(id) ON DELETE SET NULL;
UPDATE revisions SET
    main_media_id = (SELECT a.main_media_id FROM articles a WHERE a.id = revisions.article_id),
    audio_media_id = (SELECT aa.media_item_id FROM article_audio aa WHERE aa.article_id = revisions.article_id),
    programme_id = (SELECT aa.programme_id FROM article_audio aa WHERE aa.article_id = revisions.article_id);
