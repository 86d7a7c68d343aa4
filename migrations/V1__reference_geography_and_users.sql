-- Extensions. CREATE EXTENSION postgis needs a superuser: bin/ scripts create it as postgres
-- beforehand, so these statements only confirm it is there.
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- Reference geography, loaded once at start-up from the shipped data (geo feature).
-- Counties and police regions are unions of their municipalities so the three layers agree.
CREATE TABLE police_region (
  code text PRIMARY KEY,
  name text NOT NULL,
  geom geometry(MultiPolygon, 4326)
);

CREATE TABLE county (
  code char(2) PRIMARY KEY,
  name text NOT NULL,
  police_region_code text NOT NULL REFERENCES police_region (code),
  geom geometry(MultiPolygon, 4326)
);

CREATE TABLE municipality (
  code char(4) PRIMARY KEY,
  name text NOT NULL,
  county_code char(2) NOT NULL REFERENCES county (code),
  geom geometry(MultiPolygon, 4326) NOT NULL,
  geog geography(MultiPolygon, 4326) NOT NULL
);

CREATE INDEX police_region_geom_gist ON police_region USING gist (geom);
CREATE INDEX county_geom_gist ON county USING gist (geom);
CREATE INDEX municipality_geom_gist ON municipality USING gist (geom);
CREATE INDEX municipality_geog_gist ON municipality USING gist (geog);

-- People who sign in.
CREATE TABLE app_user (
  id uuid PRIMARY KEY,
  username text NOT NULL,
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('ADMIN', 'COORDINATOR', 'HVB_STAFF', 'POLICE', 'SOCIAL_SERVICES', 'RESEARCHER')),
  home_id uuid,
  recipient_id uuid,
  municipality_code char(4) REFERENCES municipality (code),
  police_region_code text REFERENCES police_region (code),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX app_user_username_unique ON app_user (lower(username));

-- Failed sign-ins, for throttling per account across instances and restarts.
CREATE TABLE login_failure (
  id bigserial PRIMARY KEY,
  username text NOT NULL,
  failed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failure_username_time ON login_failure (lower(username), failed_at);
