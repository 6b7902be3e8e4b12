-- The moderation desk shows each reader's history: their other comments,
-- found by browser (comments_duplicates) or by e-mail address, compared
-- without case.
CREATE INDEX comments_reader_email ON comments (lower(email));
