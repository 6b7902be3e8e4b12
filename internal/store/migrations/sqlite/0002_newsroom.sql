-- The newsroom: users and roles, sessions, API tokens, the workflow's
-- columns, revisions, edit locks, the audit log and home page pins.

CREATE TABLE users (
    id             INTEGER PRIMARY KEY,
    email          TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    password_hash  TEXT NOT NULL,
    totp_secret    TEXT NOT NULL DEFAULT '',
    totp_last_step INTEGER NOT NULL DEFAULT 0,
    disabled       BOOLEAN NOT NULL DEFAULT FALSE,
    author_id      INTEGER REFERENCES authors(id) ON DELETE SET NULL,
    created_at     TIMESTAMP NOT NULL
);

CREATE TABLE user_roles (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role    TEXT NOT NULL,
    PRIMARY KEY (user_id, role)
);

CREATE TABLE user_sections (
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    section_id INTEGER NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, section_id)
);

-- Sessions and tokens are stored by the SHA-256 of their secret only.
CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf_token   TEXT NOT NULL,
    second_factor_pending BOOLEAN NOT NULL DEFAULT FALSE,
    ip           TEXT NOT NULL DEFAULT '',
    user_agent   TEXT NOT NULL DEFAULT '',
    created_at   TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL,
    expires_at   TIMESTAMP NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash   TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL DEFAULT '',
    created_at   TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP,
    revoked_at   TIMESTAMP
);

ALTER TABLE articles ADD COLUMN created_by INTEGER REFERENCES users(id) ON DELETE SET NULL;
ALTER TABLE articles ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN scheduled_at TIMESTAMP;
ALTER TABLE articles ADD COLUMN embargo_until TIMESTAMP;
CREATE INDEX articles_scheduled ON articles (status, scheduled_at);
CREATE INDEX articles_status_updated ON articles (status, updated_at DESC);

CREATE TABLE revisions (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    number     INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    status     TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    user_id    INTEGER REFERENCES users(id) ON DELETE SET NULL,
    title      TEXT NOT NULL,
    lead       TEXT NOT NULL,
    body       TEXT NOT NULL,
    section_id INTEGER NOT NULL,
    tags       TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX revisions_article ON revisions (article_id, id);

CREATE TABLE edit_locks (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    since      TIMESTAMP NOT NULL,
    seen_at    TIMESTAMP NOT NULL
);

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TIMESTAMP NOT NULL,
    user_id     INTEGER REFERENCES users(id) ON DELETE SET NULL,
    action      TEXT NOT NULL,
    object_type TEXT NOT NULL DEFAULT '',
    object_id   INTEGER NOT NULL DEFAULT 0,
    detail      TEXT NOT NULL DEFAULT '',
    ip          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_object ON audit_log (object_type, object_id);

-- Captions, credits and alt texts folded for the media library's search.
ALTER TABLE images ADD COLUMN search_text TEXT NOT NULL DEFAULT '';

-- Pins put chosen articles in the lead (position 0) and featured slots
-- (1, 2, ...) of the home page (scope 'home') or a section ('section:ID').
CREATE TABLE pins (
    scope      TEXT NOT NULL,
    position   INTEGER NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (scope, position)
);
