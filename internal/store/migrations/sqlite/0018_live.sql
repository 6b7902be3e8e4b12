-- Live coverage ("Trực tiếp"): a story editors turn live gets short,
-- timestamped entries under its body while an event unfolds. A row of
-- live_stories says the story is live; ended_at, once set, is when the
-- paper stopped covering ("Đã kết thúc tường thuật"). Entries are the
-- same sanitized HTML as story bodies; their ids grow with time, so a
-- reader's page asks for the entries after the newest id it shows
-- (AUTOINCREMENT: the id of a deleted newest entry is never given again,
-- or a page that showed it would never see the entry that took it).
CREATE TABLE live_stories (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    started_at TIMESTAMP NOT NULL,
    ended_at   TIMESTAMP
);
CREATE TABLE live_entries (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    body       TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX live_entries_by_story ON live_entries(article_id, id);
