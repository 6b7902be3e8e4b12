-- On PostgreSQL this migration drops the search table's copies of the
-- title, lead and body. FTS5 needs its columns: nothing changes here,
-- the number is kept so both databases share one schema version.
SELECT 1;
