-- Imports: what each item of a source (a WordPress file, an HTML
-- archive) became here, so that importing the same source again updates
-- instead of duplicating, and an import cut short resumes where it
-- stopped. kind is section, author, photo, url (an old address of a
-- photo), story, comment or page; digest is a hash of what the source
-- said, equal when nothing changed; revision is the article revision the
-- import wrote, so a story the newsroom has edited since is left alone.
CREATE TABLE import_keys (
    source   TEXT NOT NULL,
    kind     TEXT NOT NULL,
    key      TEXT NOT NULL,
    local_id BIGINT NOT NULL,
    digest   TEXT NOT NULL DEFAULT '',
    revision INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (source, kind, key)
);
CREATE INDEX import_keys_local ON import_keys (kind, local_id);
