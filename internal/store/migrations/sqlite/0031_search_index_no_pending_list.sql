-- On PostgreSQL this migration turns off the GIN index's pending list
-- (fastupdate). FTS5 merges its segments as it writes: nothing changes
-- here, the number is kept so both databases share one schema version.
SELECT 1;
