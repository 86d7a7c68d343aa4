-- Concerns about a child before a disappearance (orosanmälan), who was told, and the outbox's
-- link to them so that an assessment overdue escalates like an unacknowledged alert.

CREATE TABLE concern (
  id uuid PRIMARY KEY,
  child_id uuid NOT NULL REFERENCES child (id),
  -- the home and responsible municipality when the concern was recorded
  home_id uuid NOT NULL REFERENCES home (id),
  responsible_municipality_code char(4) NOT NULL REFERENCES municipality (code),
  police_region_code text REFERENCES police_region (code),
  observed_at timestamptz NOT NULL,
  signs text[] NOT NULL CHECK (cardinality(signs) > 0),
  exploitation boolean NOT NULL,
  note text NOT NULL DEFAULT '',
  status text NOT NULL CHECK (status IN ('OPEN', 'ASSESSED', 'ESCALATED', 'CLOSED')),
  recorded_by uuid NOT NULL,
  recorded_at timestamptz NOT NULL,
  -- social services' protection assessment is due by the end of the next day
  assessment_due_by timestamptz NOT NULL,
  assessed_by uuid,
  assessed_at timestamptz,
  assessment_outcome text,
  assessment_note text,
  case_id uuid REFERENCES disappearance_case (id),
  escalated_at timestamptz,
  closed_by uuid,
  closed_at timestamptz,
  close_outcome text,
  CHECK ((status = 'CLOSED') = (close_outcome IS NOT NULL)),
  CHECK ((assessed_at IS NULL) = (assessment_outcome IS NULL))
);
CREATE INDEX concern_child ON concern (child_id, recorded_at);
CREATE INDEX concern_status ON concern (status, recorded_at);

-- Who was told of a concern: one row per recipient (or the guardian), as it was then.
CREATE TABLE concern_notice (
  id uuid PRIMARY KEY,
  concern_id uuid NOT NULL REFERENCES concern (id),
  recipient_id uuid REFERENCES recipient (id),
  recipient_name text NOT NULL,
  -- SOCIAL_SERVICES, GUARDIAN, TRAFFICKING_COORDINATOR or NATIONAL
  audience text NOT NULL,
  sent_at timestamptz NOT NULL
);
CREATE INDEX concern_notice_concern ON concern_notice (concern_id);
CREATE INDEX concern_notice_recipient ON concern_notice (recipient_id);

-- What a message is about besides a case (a concern), so that its escalation stops when the
-- concern is assessed; and when escalation starts for a message whose deadline is not the
-- recipient's escalateAfterMinutes (a protection assessment: the end of the next day).
ALTER TABLE delivery ADD COLUMN subject_id uuid;
ALTER TABLE delivery ADD COLUMN escalate_from timestamptz;
CREATE INDEX delivery_subject ON delivery (subject_id) WHERE subject_id IS NOT NULL;
