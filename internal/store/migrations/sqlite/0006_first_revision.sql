-- Articles stored whole (the demo paper, imports) started at revision 0,
-- which the API reads as "no revision sent": every article starts at 1.
UPDATE articles SET revision = 1 WHERE revision = 0;
