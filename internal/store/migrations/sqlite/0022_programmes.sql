-- Radio programmes and podcasts ("Chương trình phát thanh"): a series
-- with its own page at /phat-thanh/{slug} and a podcast feed at
-- /rss/phat-thanh/{slug}.rss. category is one of the iTunes categories
-- podcast apps file it under; cover_image_id a library photo (the apps
-- want it square).
CREATE TABLE programmes (
    id             INTEGER PRIMARY KEY,
    slug           TEXT NOT NULL UNIQUE,
    title          TEXT NOT NULL,
    description    TEXT NOT NULL DEFAULT '',
    cover_image_id INTEGER REFERENCES images(id) ON DELETE SET NULL,
    author         TEXT NOT NULL DEFAULT '',
    category       TEXT NOT NULL DEFAULT 'News',
    explicit       BOOLEAN NOT NULL DEFAULT FALSE,
    language       TEXT NOT NULL DEFAULT 'vi',
    position       INTEGER NOT NULL DEFAULT 0,
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL
);

-- A story's audio version ("Bản âm thanh") and the programme it is an
-- episode of, a table of its own beside articles: one row per story that
-- has either, written with the story's other links in its save. The
-- audio or the programme deleted leaves the other; a story deleted takes
-- its row. Episodes are the published stories of a programme with a
-- ready audio item.
CREATE TABLE article_audio (
    article_id    INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    media_item_id INTEGER REFERENCES media_items(id) ON DELETE SET NULL,
    programme_id  INTEGER REFERENCES programmes(id) ON DELETE SET NULL
);
CREATE INDEX article_audio_programme ON article_audio(programme_id);
CREATE INDEX article_audio_media ON article_audio(media_item_id);
