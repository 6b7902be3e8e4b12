-- On PostgreSQL this migration adds search_in_range, a date-range search
-- through the GIN index only. FTS5 walks its own lists in id order:
-- nothing changes here, the number is kept so both databases share one
-- schema version.
SELECT 1;
