-- A case remembers the concern it came from, the child's pattern when it was opened, the risk
-- questions answered and the police's own reference.

ALTER TABLE disappearance_case ADD COLUMN concern_id uuid REFERENCES concern (id);
-- cases of the child whose last sighting lies within saknad.repeat.window before this one's,
-- this one included, and whether that made it a repeat (saknad.repeat.episodes)
ALTER TABLE disappearance_case ADD COLUMN episodes_in_window int;
ALTER TABLE disappearance_case ADD COLUMN repeat_missing boolean NOT NULL DEFAULT false;
-- {"<question>": true|false} as the reporter answered; the grade they give; why it is lower
ALTER TABLE disappearance_case ADD COLUMN risk_answers jsonb;
ALTER TABLE disappearance_case ADD COLUMN risk_answers_level text
  CHECK (risk_answers_level IN ('HIGH', 'ELEVATED', 'STANDARD'));
ALTER TABLE disappearance_case ADD COLUMN risk_override_reason text;

-- The police's case number and Schengen (SIS) alert, set by the police, read by every reader.
CREATE TABLE police_reference (
  case_id uuid PRIMARY KEY REFERENCES disappearance_case (id),
  reference text NOT NULL,
  sis_alert boolean NOT NULL,
  sis_category text,
  set_by uuid NOT NULL,
  set_at timestamptz NOT NULL,
  CHECK (sis_alert = (sis_category IS NOT NULL))
);
