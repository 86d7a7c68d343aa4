package se.saknad.cases;

import jakarta.inject.Singleton;
import se.saknad.common.Db;
import se.saknad.security.Caller;

/**
 * Who may see a case (product brief, "Who may see what"): staff of the child's home; police of the
 * region where the child was last seen or sighted; social services of the responsible municipality
 * or of the municipality where the child was last seen; coordinators and admins.
 */
@Singleton
class CaseAccess {
  private final Db db;

  CaseAccess(Db db) {
    this.db = db;
  }

  boolean mayRead(Caller caller, CaseRecords.CaseRow row) {
    return switch (caller.role()) {
      case ADMIN, COORDINATOR -> true;
      case HVB_STAFF -> row.homeId().equals(caller.homeId());
      case POLICE ->
          caller.policeRegion() != null
              && (caller.policeRegion().equals(row.policeRegion())
                  || db.exists(
                      "SELECT 1 FROM sighting WHERE case_id = ? AND police_region_code = ?",
                      row.id(),
                      caller.policeRegion()));
      case SOCIAL_SERVICES ->
          caller.municipalityCode() != null
              && (caller.municipalityCode().equals(row.responsibleMunicipality())
                  || caller.municipalityCode().equals(row.municipalityCode()));
      case RESEARCHER -> false;
    };
  }

  /** The same rule as SQL over {@link CaseRecords#SELECT}, so that lists never leak rows. */
  Filter filter(Caller caller) {
    return switch (caller.role()) {
      case ADMIN, COORDINATOR -> new Filter("TRUE");
      case HVB_STAFF -> new Filter("c.home_id = ?", caller.homeId());
      case POLICE ->
          new Filter(
              "(d.police_region_code = ? OR EXISTS (SELECT 1 FROM sighting s"
                  + " WHERE s.case_id = d.id AND s.police_region_code = ?))",
              caller.policeRegion(),
              caller.policeRegion());
      case SOCIAL_SERVICES ->
          new Filter(
              "(c.responsible_municipality_code = ? OR d.municipality_code = ?)",
              caller.municipalityCode(),
              caller.municipalityCode());
      case RESEARCHER -> new Filter("FALSE");
    };
  }

  record Filter(String sql, Object... params) {}
}
