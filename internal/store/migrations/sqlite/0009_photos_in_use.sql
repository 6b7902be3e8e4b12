-- Whose a photo is and where it is used: a reporter picks a cover among
-- their own uploads and the photos readers already see, not a
-- colleague's unpublished ones. Photos from before have no uploader and
-- stay shared.

ALTER TABLE images ADD COLUMN uploaded_by INTEGER REFERENCES users(id) ON DELETE SET NULL;

-- The photos a story shows (its cover and those of its body), kept by
-- every save.
CREATE TABLE article_images (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    image_id   INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
    PRIMARY KEY (article_id, image_id)
);
CREATE INDEX article_images_image ON article_images (image_id);

INSERT INTO article_images (article_id, image_id)
SELECT id, cover_image_id FROM articles WHERE cover_image_id IS NOT NULL;
