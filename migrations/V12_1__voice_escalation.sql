-- Voice escalation: a recipient may be called when its SMS escalation ran out unanswered.

-- Minutes after the last SMS escalation step before its contacts are called; null = never called.
ALTER TABLE recipient ADD COLUMN voice_after_minutes int
  CHECK (voice_after_minutes BETWEEN 1 AND 1440);
-- Police recipients are called by default, as those created from now on are.
UPDATE recipient SET voice_after_minutes = 15
  WHERE kind = 'POLICE' AND acknowledgement_required;

-- Calls travel through the same outbox as SMS; the channel tells the dispatcher which it is.
ALTER TABLE delivery ADD COLUMN channel text NOT NULL DEFAULT 'SMS'
  CHECK (channel IN ('SMS', 'VOICE'));
CREATE INDEX delivery_open_calls ON delivery (updated_at)
  WHERE channel = 'VOICE' AND ack_required AND acknowledged_at IS NULL AND escalated_at IS NULL;

-- One chain of calls per case and recipient, started once its time has come.
CREATE TABLE voice_escalation (
  case_id uuid NOT NULL REFERENCES disappearance_case (id),
  recipient_id uuid NOT NULL REFERENCES recipient (id),
  alert_id uuid NOT NULL REFERENCES alert (id),
  due_at timestamptz NOT NULL,
  started_at timestamptz,
  PRIMARY KEY (case_id, recipient_id)
);
CREATE INDEX voice_escalation_due ON voice_escalation (due_at) WHERE started_at IS NULL;

-- Every key press a call reported (its Gather), once per call and step: a replayed webhook is
-- answered again but changes nothing.
CREATE TABLE voice_gather (
  call_sid text NOT NULL,
  step int NOT NULL,
  delivery_id uuid NOT NULL REFERENCES delivery (id),
  digits text NOT NULL,
  outcome text NOT NULL,
  received_at timestamptz NOT NULL,
  PRIMARY KEY (call_sid, step)
);

-- The log gateway keeps the calls it "made" beside the SMS, with the addresses to report back to.
ALTER TABLE sms_log ADD COLUMN channel text NOT NULL DEFAULT 'SMS'
  CHECK (channel IN ('SMS', 'VOICE'));
ALTER TABLE sms_log ADD COLUMN gather_url text;
ALTER TABLE sms_log ADD COLUMN status_callback_url text;
