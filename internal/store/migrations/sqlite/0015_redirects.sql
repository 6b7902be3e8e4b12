-- Old addresses of the paper and what the site answers there when no page
-- of its own does: 301 to target, or 410 for what was removed on purpose.
-- old_path is the address in one form (news.OldPath: no host, decoded,
-- NFC, lower case, no trailing slash, parameters sorted without tracking
-- ones), so a request for any spelling of a link is one indexed read.
-- origin is who set it: 'newsroom' or 'csv' (a person), 'wordpress' or
-- 'html' (an archive import, which does not replace a person's). hits and
-- last_hit_at are counted in each server's memory and added here about
-- once a minute, not written per request.
CREATE TABLE redirects (
    id          INTEGER PRIMARY KEY,
    old_path    TEXT NOT NULL UNIQUE,
    target      TEXT NOT NULL DEFAULT '',
    status      INTEGER NOT NULL CHECK (status IN (301, 410)),
    origin      TEXT NOT NULL,
    created_by  INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL,
    hits        INTEGER NOT NULL DEFAULT 0,
    last_hit_at TIMESTAMP
);
