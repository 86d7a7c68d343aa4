-- Recipients with coverage areas, alerts, and the outbox of deliveries.

CREATE TABLE recipient (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('POLICE', 'SOCIAL_SERVICES', 'SHELTER', 'GUARDIAN', 'MIGRATION_AGENCY', 'OTHER')),
  -- the coverage as given (municipality codes, county codes, police region, GeoJSON or circle)
  coverage_spec jsonb NOT NULL,
  coverage geometry(MultiPolygon, 4326) NOT NULL,
  coverage_geog geography(MultiPolygon, 4326) NOT NULL,
  acknowledgement_required boolean NOT NULL,
  escalate_after_minutes int NOT NULL CHECK (escalate_after_minutes BETWEEN 1 AND 1440),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  deleted_at timestamptz
);
CREATE INDEX recipient_coverage_gist ON recipient USING gist (coverage);
CREATE INDEX recipient_coverage_geog_gist ON recipient USING gist (coverage_geog);

CREATE TABLE recipient_contact (
  id uuid PRIMARY KEY,
  recipient_id uuid NOT NULL REFERENCES recipient (id),
  position int NOT NULL,
  name text NOT NULL,
  phone text NOT NULL,
  opted_out boolean NOT NULL DEFAULT false,
  retired boolean NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX recipient_contact_position ON recipient_contact (recipient_id, position) WHERE NOT retired;
CREATE INDEX recipient_contact_phone ON recipient_contact (phone);

ALTER TABLE app_user ADD CONSTRAINT app_user_recipient_fk FOREIGN KEY (recipient_id) REFERENCES recipient (id);

CREATE TABLE alert (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES disappearance_case (id),
  sequence int NOT NULL,
  msg_type text NOT NULL CHECK (msg_type IN ('Alert', 'Update', 'Cancel')),
  reason text NOT NULL,
  center geography(Point, 4326) NOT NULL,
  radius_meters int NOT NULL,
  created_at timestamptz NOT NULL,
  UNIQUE (case_id, sequence)
);

-- Who has been told about a case: a recipient, or the guardian's phone.
CREATE TABLE case_audience (
  case_id uuid NOT NULL REFERENCES disappearance_case (id),
  audience_key text NOT NULL,
  recipient_id uuid REFERENCES recipient (id),
  first_alert_id uuid NOT NULL REFERENCES alert (id),
  PRIMARY KEY (case_id, audience_key)
);

CREATE TABLE delivery (
  id uuid PRIMARY KEY,
  alert_id uuid NOT NULL REFERENCES alert (id),
  case_id uuid NOT NULL REFERENCES disappearance_case (id),
  recipient_id uuid REFERENCES recipient (id),
  contact_id uuid REFERENCES recipient_contact (id),
  recipient_kind text NOT NULL,
  phone text NOT NULL,
  body text NOT NULL,
  status text NOT NULL CHECK (status IN ('QUEUED', 'SENDING', 'SENT', 'DELIVERED', 'FAILED', 'UNDELIVERED', 'ACKNOWLEDGED')),
  priority int NOT NULL,
  attempts int NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  lease_until timestamptz,
  provider_sid text,
  error_code text,
  ack_required boolean NOT NULL,
  acknowledged_at timestamptz,
  escalated_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX delivery_queue ON delivery (priority, next_attempt_at) WHERE status = 'QUEUED';
CREATE INDEX delivery_case ON delivery (case_id);
CREATE INDEX delivery_alert ON delivery (alert_id);
CREATE INDEX delivery_phone ON delivery (phone);
CREATE INDEX delivery_provider_sid ON delivery (provider_sid);
