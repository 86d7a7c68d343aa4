-- SMS: what the log gateway stored, every status seen for a delivery, and inbound messages.

CREATE TABLE sms_log (
  id bigserial PRIMARY KEY,
  sid text NOT NULL UNIQUE,
  to_phone text NOT NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL
);

CREATE TABLE delivery_event (
  id bigserial PRIMARY KEY,
  delivery_id uuid REFERENCES delivery (id),
  provider_sid text,
  status text NOT NULL,
  error_code text,
  source text NOT NULL,
  at timestamptz NOT NULL
);
CREATE INDEX delivery_event_delivery ON delivery_event (delivery_id, at);
CREATE UNIQUE INDEX delivery_event_callback_once ON delivery_event (provider_sid, status)
  WHERE source = 'CALLBACK';

CREATE TABLE inbound_message (
  message_sid text PRIMARY KEY,
  from_phone text NOT NULL,
  body text NOT NULL,
  outcome text NOT NULL,
  received_at timestamptz NOT NULL
);

-- Things a coordinator must hear about: a failed delivery, an opted-out duty phone, an
-- escalation that ran out of contacts.
CREATE TABLE coordinator_notice (
  id bigserial PRIMARY KEY,
  kind text NOT NULL,
  case_id uuid REFERENCES disappearance_case (id),
  delivery_id uuid REFERENCES delivery (id),
  detail text NOT NULL,
  created_at timestamptz NOT NULL
);

-- Notices to coordinators travel through the same outbox, without an alert or a case.
ALTER TABLE delivery ALTER COLUMN alert_id DROP NOT NULL;
ALTER TABLE delivery ALTER COLUMN case_id DROP NOT NULL;
ALTER TABLE delivery DROP CONSTRAINT delivery_status_check;
ALTER TABLE delivery ADD CONSTRAINT delivery_status_check
  CHECK (status IN ('QUEUED', 'SENDING', 'SENT', 'DELIVERED', 'FAILED', 'UNDELIVERED', 'ACKNOWLEDGED'));
CREATE INDEX delivery_sending_lease ON delivery (lease_until) WHERE status = 'SENDING';
CREATE INDEX delivery_awaiting_ack ON delivery (created_at)
  WHERE ack_required AND acknowledged_at IS NULL AND escalated_at IS NULL;
