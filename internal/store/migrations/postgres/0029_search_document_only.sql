-- The search table keeps the document alone. Its copies of the folded
-- title, lead and body were never read (ranking and snippets read the
-- articles), yet each row carried them: at 100,000 stories 1.65 GB of
-- TOAST beside the documents' 0.78 GB, and a heap where each story's row
-- took most of a page, so a search reading a section's matches read a
-- page per match. Rows written before lose the copies when indexed
-- again (0027 queued every story); VACUUM FULL article_search gives the
-- space back at once.
ALTER TABLE article_search DROP COLUMN title, DROP COLUMN lead, DROP COLUMN body;
