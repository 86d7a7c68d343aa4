-- A reply typed into the embedded default's SMS sandbox (a coordinator answering as a phone) is
-- recorded as what it is, channel SANDBOX, never as an SMS or a call.
ALTER TABLE acknowledgement DROP CONSTRAINT acknowledgement_channel_check;
ALTER TABLE acknowledgement ADD CONSTRAINT acknowledgement_channel_check
  CHECK (channel IN ('SMS', 'WEB', 'VOICE', 'SANDBOX'));
COMMENT ON COLUMN acknowledgement.user_id IS 'the signed-in user (web, sandbox); null for a phone';

ALTER TABLE referral DROP CONSTRAINT referral_acknowledged_channel_check;
ALTER TABLE referral ADD CONSTRAINT referral_acknowledged_channel_check
  CHECK (acknowledged_channel IN ('SMS', 'WEB', 'VOICE', 'SANDBOX'));
