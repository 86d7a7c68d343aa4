-- The children's words as research publishes them, redacted while the child's record still says
-- which names, numbers and places to look for, so that words kept for research after the child's
-- personal data is erased are still published without them. source_sha256 is the digest of the
-- text as recorded: a correction is redacted again.
CREATE TABLE research_text (
  case_id uuid PRIMARY KEY REFERENCES disappearance_case (id),
  source_sha256 text NOT NULL,
  reasons_text text NOT NULL,
  child_statement text NOT NULL,
  redacted_at timestamptz NOT NULL
);
