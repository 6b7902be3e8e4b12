-- Mail is tried again after a failure with a growing wait, not at every
-- tick: next_attempt_at is when a queued mail may be tried next (NULL:
-- at once).
ALTER TABLE outbox ADD COLUMN next_attempt_at TIMESTAMP;
