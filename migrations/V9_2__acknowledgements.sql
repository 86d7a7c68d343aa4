-- Every acknowledgement of a case's alerts, whatever the channel (an SMS reply, the web page), so
-- that the case shows who acknowledged, when and how.
CREATE TABLE acknowledgement (
  id bigserial PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES disappearance_case (id),
  recipient_id uuid REFERENCES recipient (id),
  channel text NOT NULL CHECK (channel IN ('SMS', 'WEB', 'VOICE')),
  -- the signed-in user on the web; null for a reply from a phone
  user_id uuid,
  at timestamptz NOT NULL
);
CREATE INDEX acknowledgement_case ON acknowledgement (case_id, at);
