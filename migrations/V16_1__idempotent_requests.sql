-- A create sent again with the same Idempotency-Key (a page retrying after a 503, a client whose
-- connection broke at COMMIT) returns what the first one created instead of creating it twice.
-- Written in the same transaction as the record: a key exists exactly when its record does. Only
-- ids are kept, no request or answer text, so erasure has nothing to find here; keys are pruned
-- after a day.
CREATE TABLE idempotent_request (
  user_id uuid NOT NULL,
  idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 200),
  endpoint text NOT NULL,
  request_hash text NOT NULL,
  result_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, idempotency_key)
);
CREATE INDEX idempotent_request_created_at ON idempotent_request (created_at);
