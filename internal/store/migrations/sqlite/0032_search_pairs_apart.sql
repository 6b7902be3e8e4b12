-- On PostgreSQL this migration gives word pairs a document of their own.
-- FTS5 keeps each column's words and pairs together: nothing changes
-- here, the number is kept so both databases share one schema version.
SELECT 1;
