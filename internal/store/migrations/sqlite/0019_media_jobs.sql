-- The durable queue of media work (internal/jobs): transcoding a video
-- into HLS, normalising an audio file. A job survives restarts: a server
-- claims it by writing its name (lease_owner) and a lease (lease_until)
-- that it renews while it works; a job left 'running' with a lease run
-- out belonged to a server that died and is claimed again. attempts counts
-- the claims; a job that failed max_attempts times stays 'failed' with its
-- last_error, a Vietnamese reason for the newsroom, until someone retries
-- it. subject_id is the media item (or other row) the job works for; it
-- has no foreign key yet because the media items it will name come with
-- the uploads. payload is the kind's input as JSON; result is its output
-- as JSON (for 'transcode-video': the playlist, renditions, fallback MP4,
-- poster candidates, duration and size, relative to the media folder),
-- kept here rather than in a table of its own until media items have
-- their kind and status columns.
CREATE TABLE media_jobs (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,
    subject_id   INTEGER NOT NULL DEFAULT 0,
    status       TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL DEFAULT 3,
    last_error   TEXT NOT NULL DEFAULT '',
    progress     INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    lease_owner  TEXT NOT NULL DEFAULT '',
    lease_until  TIMESTAMP,
    payload      TEXT NOT NULL DEFAULT '{}',
    result       TEXT NOT NULL DEFAULT '',
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL
);
-- What a claim reads: the oldest queued job, or a running one whose lease
-- ran out.
CREATE INDEX media_jobs_waiting ON media_jobs(status, id);
CREATE INDEX media_jobs_subject ON media_jobs(subject_id);
