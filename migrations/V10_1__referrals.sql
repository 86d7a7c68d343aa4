-- Referrals for suspected trafficking or exploitation, and the recipients that receive them.

-- Regional coordinators against trafficking are recipients covering a police region.
ALTER TABLE recipient DROP CONSTRAINT recipient_kind_check;
ALTER TABLE recipient ADD CONSTRAINT recipient_kind_check
  CHECK (kind IN ('POLICE', 'SOCIAL_SERVICES', 'SHELTER', 'GUARDIAN', 'MIGRATION_AGENCY', 'OTHER',
                  'TRAFFICKING_COORDINATOR'));

CREATE TABLE referral (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES disappearance_case (id),
  -- the police region of the child's home, whose coordinator against trafficking is responsible
  police_region_code text NOT NULL REFERENCES police_region (code),
  status text NOT NULL CHECK (status IN ('OPEN', 'ACKNOWLEDGED', 'CLOSED')),
  reasons text[] NOT NULL,
  indicators text[] NOT NULL DEFAULT '{}',
  opened_by uuid,
  opened_at timestamptz NOT NULL,
  acknowledged_by uuid,
  acknowledged_at timestamptz,
  acknowledged_channel text CHECK (acknowledged_channel IN ('SMS', 'WEB', 'VOICE')),
  closed_by uuid,
  closed_at timestamptz,
  outcome text CHECK (outcome IN ('PRESUMED_VICTIM', 'REFERRED_TO_SUPPORT_PROGRAMME',
                                  'POLICE_REPORT_FILED', 'NOT_SUBSTANTIATED', 'OTHER')),
  CHECK ((status = 'CLOSED') = (outcome IS NOT NULL))
);
-- One referral in progress per case: a second trigger adds its reasons to it.
CREATE UNIQUE INDEX referral_one_active_per_case ON referral (case_id) WHERE status <> 'CLOSED';
CREATE INDEX referral_status ON referral (status, opened_at);
CREATE INDEX referral_region ON referral (police_region_code);

-- Who was sent the referral: one row per phone, with the escalation state.
CREATE TABLE referral_notice (
  id uuid PRIMARY KEY,
  referral_id uuid NOT NULL REFERENCES referral (id),
  recipient_id uuid REFERENCES recipient (id),
  contact_id uuid REFERENCES recipient_contact (id),
  -- TRAFFICKING_COORDINATOR, POLICE, or NATIONAL (the configured task-force phones)
  audience text NOT NULL,
  phone text NOT NULL,
  sent_at timestamptz NOT NULL,
  -- false for a repeat to a phone that already had its turn
  escalates boolean NOT NULL DEFAULT true,
  escalated_at timestamptz,
  acknowledged_at timestamptz
);
CREATE INDEX referral_notice_referral ON referral_notice (referral_id);
CREATE INDEX referral_notice_phone ON referral_notice (phone);
CREATE INDEX referral_notice_awaiting ON referral_notice (sent_at)
  WHERE escalates AND escalated_at IS NULL AND acknowledged_at IS NULL;
