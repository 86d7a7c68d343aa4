-- Homes, children, disappearance cases, sightings, returns and the audit trail.

-- unaccent() is only STABLE; this wrapper pins the dictionary so it can back an index.
CREATE FUNCTION immutable_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;

CREATE TABLE home (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  address text NOT NULL,
  location geography(Point, 4326) NOT NULL,
  municipality_code char(4) NOT NULL REFERENCES municipality (code),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX home_location_gist ON home USING gist (location);

ALTER TABLE app_user ADD CONSTRAINT app_user_home_fk FOREIGN KEY (home_id) REFERENCES home (id);

CREATE TABLE child (
  id uuid PRIMARY KEY,
  home_id uuid NOT NULL REFERENCES home (id),
  given_name text NOT NULL,
  family_name text NOT NULL,
  aliases text[] NOT NULL DEFAULT '{}',
  date_of_birth date,
  estimated_birth_year int,
  gender text NOT NULL CHECK (gender IN ('FEMALE', 'MALE', 'OTHER', 'UNKNOWN')),
  nationality char(2) NOT NULL,
  languages text[] NOT NULL DEFAULT '{}',
  dossier_number text,
  description text NOT NULL DEFAULT '',
  risk_indicators text[] NOT NULL DEFAULT '{}',
  guardian_name text,
  guardian_phone text,
  responsible_municipality_code char(4) NOT NULL REFERENCES municipality (code),
  -- every spelling of the child's names, lower case without diacritics, for the duplicate finder
  search_names text NOT NULL,
  merged_into uuid REFERENCES child (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (date_of_birth IS NOT NULL OR estimated_birth_year IS NOT NULL)
);
CREATE UNIQUE INDEX child_dossier_unique ON child (dossier_number)
  WHERE dossier_number IS NOT NULL AND merged_into IS NULL;
CREATE INDEX child_home ON child (home_id);
CREATE INDEX child_search_names_trgm ON child USING gin (search_names gin_trgm_ops);

CREATE TABLE child_change (
  id bigserial PRIMARY KEY,
  child_id uuid NOT NULL REFERENCES child (id),
  changed_by uuid NOT NULL,
  changed_at timestamptz NOT NULL,
  change text NOT NULL,
  before jsonb,
  after jsonb
);
CREATE INDEX child_change_child ON child_change (child_id, changed_at);

CREATE TABLE disappearance_case (
  id uuid PRIMARY KEY,
  child_id uuid NOT NULL REFERENCES child (id),
  code text NOT NULL,
  status text NOT NULL CHECK (status IN ('MISSING', 'LOCATED', 'RETURNED', 'CLOSED')),
  last_seen_at timestamptz NOT NULL,
  last_seen_location geography(Point, 4326) NOT NULL,
  last_seen_place text NOT NULL DEFAULT '',
  clothing text NOT NULL DEFAULT '',
  circumstances text NOT NULL DEFAULT '',
  risk_level text NOT NULL CHECK (risk_level IN ('HIGH', 'ELEVATED', 'STANDARD')),
  municipality_code char(4) NOT NULL REFERENCES municipality (code),
  police_region_code text NOT NULL REFERENCES police_region (code),
  -- the latest known position: the last sighting, or where the child was last seen
  search_center geography(Point, 4326) NOT NULL,
  reported_by uuid NOT NULL,
  reported_at timestamptz NOT NULL,
  returned_at timestamptz,
  debrief_due_by timestamptz,
  closed_at timestamptz
);
-- At most one open case per child, and open case codes are unique: enforced here so that two
-- simultaneous reports cannot both succeed.
CREATE UNIQUE INDEX one_open_case_per_child ON disappearance_case (child_id)
  WHERE status IN ('MISSING', 'LOCATED');
CREATE UNIQUE INDEX open_case_code ON disappearance_case (code)
  WHERE status IN ('MISSING', 'LOCATED');
CREATE INDEX case_child ON disappearance_case (child_id, last_seen_at);
CREATE INDEX case_status ON disappearance_case (status);
CREATE INDEX case_last_seen_gist ON disappearance_case USING gist (last_seen_location);

CREATE TABLE sighting (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES disappearance_case (id),
  seen_at timestamptz NOT NULL,
  location geography(Point, 4326) NOT NULL,
  municipality_code char(4) NOT NULL REFERENCES municipality (code),
  police_region_code text NOT NULL REFERENCES police_region (code),
  note text NOT NULL DEFAULT '',
  reported_by uuid NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX sighting_case ON sighting (case_id, seen_at);
CREATE INDEX sighting_location_gist ON sighting USING gist (location);

CREATE TABLE case_return (
  case_id uuid PRIMARY KEY REFERENCES disappearance_case (id),
  returned_at timestamptz NOT NULL,
  location geography(Point, 4326),
  found_by text NOT NULL,
  condition text NOT NULL,
  note text NOT NULL DEFAULT '',
  recorded_by uuid NOT NULL,
  recorded_at timestamptz NOT NULL
);

-- Who read or changed which child or case. Append-only: a trigger refuses UPDATE and DELETE.
CREATE TABLE audit_event (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  actor_id uuid,
  actor_role text,
  action text NOT NULL,
  child_id uuid,
  case_id uuid,
  endpoint text NOT NULL
);
CREATE INDEX audit_event_child ON audit_event (child_id, at);
CREATE INDEX audit_event_case ON audit_event (case_id, at);

CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only';
END $$;
CREATE TRIGGER audit_event_no_update_or_delete
  BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
CREATE TRIGGER audit_event_no_truncate
  BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();
