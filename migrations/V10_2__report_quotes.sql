-- Quotes for the Ombudsman's report: a consenting child's statement, published only once a
-- researcher approved that very text (its SHA-256: a corrected statement needs a new approval).
CREATE TABLE report_quote (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL UNIQUE REFERENCES disappearance_case (id),
  approved_sha256 text,
  approved_by uuid,
  approved_at timestamptz
);
