-- SQLite has no NOTIFY, and other processes write the same file: the
-- command line ("toasoan site set", "toasoan user add"), a second server.
-- Each committed change that readers can see appends its notice (the
-- writer's origin and the change keys, as PostgreSQL's notices carry
-- them) in its own transaction; every server reads the rows it has not
-- seen twice a second (Store.Listen). Writers queue for SQLite's one
-- write lock, so ids follow the order of the commits; AUTOINCREMENT never
-- gives an id twice, so a server's last id stays meaningful when old rows
-- are dropped (commit keeps the newest).
CREATE TABLE change_notices (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    notice TEXT NOT NULL
);
