-- Recipient coverage cut into small pieces for the scoping query. Municipality and county outlines
-- have hundreds of vertices, and an exact distance on the spheroid against each whole outline was
-- most of the query's time. The pieces are projected to SWEREF 99 TM (EPSG:3006, metres), so the
-- index and a planar distance decide almost every piece; only pieces near the edge of the search
-- circle are measured on the spheroid (piece_geog). Written by recipients.Recipients together with
-- the recipient row; a deleted recipient has no pieces.
CREATE TABLE recipient_coverage_piece (
  recipient_id uuid NOT NULL REFERENCES recipient (id),
  piece geometry(Polygon, 3006) NOT NULL,
  piece_geog geography(Polygon, 4326) NOT NULL
);
CREATE INDEX recipient_coverage_piece_gist ON recipient_coverage_piece USING gist (piece);
CREATE INDEX recipient_coverage_piece_recipient ON recipient_coverage_piece (recipient_id);

-- Edges are densified along the spheroid (1 km) before projecting, so that a straight edge in the
-- projection follows the same line as the geography edge.
INSERT INTO recipient_coverage_piece (recipient_id, piece, piece_geog)
SELECT r.id, d.geom, ST_Transform(d.geom, 4326)::geography
FROM recipient r,
     ST_Subdivide(ST_Transform(ST_Segmentize(r.coverage_geog, 1000)::geometry, 3006), 128) AS s (geom),
     ST_Dump(s.geom) AS d
WHERE r.deleted_at IS NULL;
