-- The paper's own pages ("Giới thiệu", "Liên hệ"): a title and a body of
-- the same sanitized HTML as stories, served at /{slug}.html. Those marked
-- show_in_footer are linked at the foot of every page, by position. No
-- row on a new paper: the demo and imports add theirs.
CREATE TABLE pages (
    id             INTEGER PRIMARY KEY,
    slug           TEXT NOT NULL UNIQUE,
    title          TEXT NOT NULL,
    body           TEXT NOT NULL DEFAULT '',
    position       INTEGER NOT NULL DEFAULT 0,
    show_in_footer BOOLEAN NOT NULL DEFAULT FALSE,
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL,
    created_by     INTEGER REFERENCES users(id) ON DELETE SET NULL,
    updated_by     INTEGER REFERENCES users(id) ON DELETE SET NULL
);
