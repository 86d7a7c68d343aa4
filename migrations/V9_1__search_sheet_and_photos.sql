-- The search sheet: the home's phone for searchers to call, and photos of the children.

ALTER TABLE home ADD COLUMN phone text;
-- A closed home keeps its history but is no longer offered when placing children or users.
ALTER TABLE home ADD COLUMN closed_on date;

-- Every upload is kept as a version; the newest is shown. Only re-encoded images are stored
-- (no EXIF, no GPS), owned by the children feature and erased with the child's personal data.
CREATE TABLE child_photo (
  id uuid PRIMARY KEY,
  child_id uuid NOT NULL REFERENCES child (id),
  taken_on date,
  width int NOT NULL,
  height int NOT NULL,
  image bytea NOT NULL,
  uploaded_by uuid NOT NULL,
  uploaded_at timestamptz NOT NULL
);
CREATE INDEX child_photo_newest ON child_photo (child_id, uploaded_at DESC);
