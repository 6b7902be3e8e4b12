-- Videos and audio the newsroom uploads. A row is made with its
-- transcoding job (media_jobs.subject_id) in one transaction; while the job
-- runs the item is "processing", a failed job makes it "failed" (the job
-- keeps the reason), and the job's handler fills the outputs and ready_at
-- when they are complete, so "ready" is ready_at set. Paths are relative
-- to the media folder: dir holds the outputs ("ab/<hash>"), master the HLS
-- master playlist (video) or the normalised file (audio), fallback a
-- small MP4, posters the candidate frames as a JSON list, poster the one
-- chosen, captions a WebVTT file the newsroom uploaded.
CREATE TABLE media_items (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('video', 'audio')),
    title       TEXT NOT NULL DEFAULT '',
    source      TEXT NOT NULL,
    bytes       INTEGER NOT NULL DEFAULT 0,
    dir         TEXT NOT NULL DEFAULT '',
    master      TEXT NOT NULL DEFAULT '',
    fallback    TEXT NOT NULL DEFAULT '',
    posters     TEXT NOT NULL DEFAULT '[]',
    poster      TEXT NOT NULL DEFAULT '',
    captions    TEXT NOT NULL DEFAULT '',
    duration_ms INTEGER NOT NULL DEFAULT 0,
    width       INTEGER NOT NULL DEFAULT 0,
    height      INTEGER NOT NULL DEFAULT 0,
    job_id      INTEGER NOT NULL DEFAULT 0,
    created_by  INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at  TIMESTAMP NOT NULL,
    ready_at    TIMESTAMP
);
CREATE INDEX media_items_newest ON media_items(id DESC);
