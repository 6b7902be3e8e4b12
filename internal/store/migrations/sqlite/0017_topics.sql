-- Topic pages ("Dòng sự kiện"): a storm, a council session, an election.
-- A topic has its own title, intro and cover, stories pinned in order,
-- then the published stories of its tag (tag_id, optional) newest first.
-- Those marked in_menu follow the sections in the site's menu, by
-- position. Served at /dong-su-kien/{slug}.
CREATE TABLE topics (
    id             INTEGER PRIMARY KEY,
    slug           TEXT NOT NULL UNIQUE,
    title          TEXT NOT NULL,
    intro          TEXT NOT NULL DEFAULT '',
    cover_image_id INTEGER REFERENCES images(id) ON DELETE SET NULL,
    tag_id         INTEGER REFERENCES tags(id) ON DELETE SET NULL,
    in_menu        BOOLEAN NOT NULL DEFAULT FALSE,
    position       INTEGER NOT NULL DEFAULT 0,
    active         BOOLEAN NOT NULL DEFAULT TRUE,
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL,
    created_by     INTEGER REFERENCES users(id) ON DELETE SET NULL,
    updated_by     INTEGER REFERENCES users(id) ON DELETE SET NULL
);

-- A topic's pinned stories, in position order; a story deleted leaves.
CREATE TABLE topic_pins (
    topic_id   INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    PRIMARY KEY (topic_id, article_id)
);
CREATE INDEX topic_pins_article ON topic_pins (article_id);
