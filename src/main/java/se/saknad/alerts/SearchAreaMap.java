package se.saknad.alerts;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.util.UUID;
import se.saknad.cases.CaseApi.SearchArea;
import se.saknad.cases.Cases;
import se.saknad.common.Db;

/** The current search area and the areas of the alerted recipients, as GeoJSON for the map. */
@Singleton
@Transactional
class SearchAreaMap {
  private final Db db;
  private final Cases cases;

  SearchAreaMap(Db db, Cases cases) {
    this.db = db;
    this.cases = cases;
  }

  String featureCollection(UUID caseId) {
    SearchArea area = cases.searchArea(caseId);
    return db.one(
            """
            SELECT jsonb_build_object('type', 'FeatureCollection', 'features',
              jsonb_build_array(jsonb_build_object('type', 'Feature',
                'properties', jsonb_build_object('kind', 'SEARCH_AREA', 'radiusMeters', ?::int),
                'geometry', ST_AsGeoJSON(ST_Buffer(ST_GeogFromText(?), ?, 32)::geometry, 5)::jsonb))
              || coalesce((SELECT jsonb_agg(jsonb_build_object('type', 'Feature',
                   'properties', jsonb_build_object('kind', r.kind, 'recipientId', r.id, 'name', r.name),
                   'geometry', ST_AsGeoJSON(ST_SimplifyPreserveTopology(r.coverage, 0.005), 5)::jsonb))
                   FROM case_audience a JOIN recipient r ON r.id = a.recipient_id
                   WHERE a.case_id = ?), '[]'::jsonb)
            )::text
            """,
            rs -> rs.getString(1),
            area.radiusMeters(),
            area.center(),
            (double) area.radiusMeters(),
            caseId)
        .orElseThrow();
  }
}
