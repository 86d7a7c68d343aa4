-- Debriefs (the return interview), their corrections, and the reminder when one is overdue.

CREATE TABLE debrief (
  case_id uuid PRIMARY KEY REFERENCES disappearance_case (id),
  version int NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('HELD', 'DECLINED', 'NOT_HELD')),
  not_held_reason text,
  conducted_at timestamptz,
  interviewer_role text NOT NULL,
  interviewer_independent boolean NOT NULL,
  interpreter_used boolean NOT NULL,
  language text,
  consent_to_research boolean NOT NULL,
  reasons text[] NOT NULL DEFAULT '{}',
  reasons_text text NOT NULL DEFAULT '',
  whereabouts text[] NOT NULL DEFAULT '{}',
  exploitation_indicators text[] NOT NULL DEFAULT '{}',
  child_statement text NOT NULL DEFAULT '',
  recorded_by uuid NOT NULL,
  recorded_at timestamptz NOT NULL
);

-- Every version as it was recorded: corrections never overwrite history.
CREATE TABLE debrief_version (
  case_id uuid NOT NULL REFERENCES disappearance_case (id),
  version int NOT NULL,
  content jsonb NOT NULL,
  recorded_by uuid NOT NULL,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (case_id, version)
);

ALTER TABLE disappearance_case ADD COLUMN debrief_reminded_at timestamptz;
CREATE INDEX case_debrief_due ON disappearance_case (debrief_due_by)
  WHERE status IN ('RETURNED', 'CLOSED') AND debrief_due_by IS NOT NULL;

-- Retention: when a child's personal data was erased.
ALTER TABLE child ADD COLUMN erased_at timestamptz;

-- Facts fixed at the report, so research rows stay the same after personal data is erased.
ALTER TABLE disappearance_case ADD COLUMN child_age int;
ALTER TABLE disappearance_case ADD COLUMN home_municipality_code char(4) REFERENCES municipality (code);
