package se.saknad.cases;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.util.List;
import java.util.UUID;
import se.saknad.common.Db;
import se.saknad.geo.GeoPoint;

/**
 * The cases' part of erasing a child's personal data: exact places become a point inside the
 * municipality they lay in, and the free text of the cases, their sightings and returns goes. The
 * municipalities, times, risk grade and the age and home municipality fixed at each report stay for
 * research. Joins the caller's transaction and refuses to run without one (MANDATORY), so that the
 * cases are erased together with the rest of the child's data or not at all.
 */
@Singleton
public class ErasingCaseDetails {
  /** A case whose details were erased, with the search centre it has now. */
  public record ErasedCase(UUID id, GeoPoint searchCentre) {}

  private final Db db;

  ErasingCaseDetails(Db db) {
    this.db = db;
  }

  /**
   * Erases the details of every case of {@code child} (the cases of records merged into it were
   * moved to it) and answers those cases.
   */
  @Transactional(TxType.MANDATORY)
  public List<ErasedCase> eraseCasesOf(UUID child) {
    List<ErasedCase> cases =
        db.list(
            """
            UPDATE disappearance_case d SET
              last_seen_location = (SELECT ST_PointOnSurface(m.geom)::geography FROM municipality m
                                    WHERE m.code = d.municipality_code),
              search_center = (SELECT ST_PointOnSurface(m.geom)::geography FROM municipality m
                               WHERE m.code = d.municipality_code),
              last_seen_place = '', clothing = '', circumstances = '',
              risk_override_reason = CASE WHEN risk_override_reason IS NULL THEN NULL ELSE '' END,
              withdrawal_reason = CASE WHEN withdrawal_reason IS NULL THEN NULL ELSE '' END
            WHERE d.child_id = ?
            RETURNING d.id, ST_Y(d.search_center::geometry) AS centre_lat,
              ST_X(d.search_center::geometry) AS centre_lon
            """,
            rs -> new ErasedCase(Db.uuid(rs, "id"), GeoPoint.read(rs, "centre")),
            child);
    if (cases.isEmpty()) {
      return cases;
    }
    List<UUID> ids = cases.stream().map(ErasedCase::id).toList();
    db.update(
        """
        UPDATE sighting s SET note = '',
          location = (SELECT ST_PointOnSurface(m.geom)::geography FROM municipality m
                      WHERE m.code = s.municipality_code)
        WHERE s.case_id = ANY(?::uuid[])
        """,
        ids);
    db.update(
        """
        UPDATE case_return SET location = NULL, note = '', found_by = '', condition = ''
        WHERE case_id = ANY(?::uuid[])
        """,
        ids);
    return cases;
  }
}
