-- A reply that acknowledged a case names it, so that erasing the child's data finds the reply.
ALTER TABLE inbound_message ADD COLUMN case_id uuid REFERENCES disappearance_case (id);
CREATE INDEX inbound_message_case ON inbound_message (case_id) WHERE case_id IS NOT NULL;
CREATE INDEX inbound_message_unmatched ON inbound_message (received_at) WHERE case_id IS NULL;

-- Messages whose text must also be deleted at the SMS provider, worked off like the outbox:
-- claimed with a lease, retried with backoff, each attempt's outcome kept.
CREATE TABLE provider_erasure (
  sid text PRIMARY KEY,
  direction text NOT NULL CHECK (direction IN ('OUTBOUND', 'INBOUND')),
  status text NOT NULL CHECK (status IN ('PENDING', 'ERASING', 'DONE')),
  attempts int NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  lease_until timestamptz,
  last_error text,
  created_at timestamptz NOT NULL,
  done_at timestamptz
);
CREATE INDEX provider_erasure_due ON provider_erasure (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX provider_erasure_lease ON provider_erasure (lease_until) WHERE status = 'ERASING';
