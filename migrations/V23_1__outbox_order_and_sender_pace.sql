-- The outbox's order: priority now says what matters first (the first alert of a new case, then
-- notices to the coordinators, then everything else; within each, HIGH before ELEVATED before
-- STANDARD, police first), and turn is a message's place among its case's messages of the same
-- batch, so that cases take turns instead of one long fan-out holding up the next case's police.
ALTER TABLE delivery ADD COLUMN turn int NOT NULL DEFAULT 0;
-- Which sender number (or messaging service) the provider was handed the message from.
ALTER TABLE delivery ADD COLUMN sender text;

-- Waiting messages take the new numbers: police 0 -> 220, notices 1 -> 120, the rest 2 -> 221.
UPDATE delivery SET priority = CASE priority WHEN 0 THEN 220 WHEN 1 THEN 120 ELSE 221 END
WHERE status IN ('QUEUED', 'SENDING');

DROP INDEX delivery_queue;
CREATE INDEX delivery_queue ON delivery (priority, turn, next_attempt_at) WHERE status = 'QUEUED';

-- The provider's pace per sender, shared by every instance: one token bucket per sender, kept by
-- Bucket4j (its PostgreSQL proxy manager locks the row with SELECT ... FOR UPDATE).
CREATE TABLE sms_sender_pace (
  id text PRIMARY KEY,
  state bytea,
  expires_at bigint
);
