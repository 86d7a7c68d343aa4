package se.saknad.cases;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import se.saknad.cases.CaseApi.Status;
import se.saknad.common.Db;
import se.saknad.common.ProblemException;
import se.saknad.security.Caller;

/**
 * Who may see a case (product brief, "Who may see what"): staff of the child's home; police of the
 * region where the child was last seen or sighted; social services of the responsible municipality
 * or of the municipality where the child was last seen; coordinators and admins.
 *
 * <p>The rule is written once, as SQL over {@code disappearance_case d JOIN child c}: lists filter
 * with it and a single case is checked with the same fragment. Checking builds no view and writes
 * no audit row; only a real read ({@link Cases#read}) is audited.
 */
@Singleton
public class CaseAccess {
  private final Db db;

  CaseAccess(Db db) {
    this.db = db;
  }

  /** The case, when the caller may see it; 404 otherwise, as if it did not exist. */
  @Transactional
  public VisibleCase require(Caller caller, UUID caseId) {
    return find(caller, caseId).orElseThrow(() -> ProblemException.notFound("case"));
  }

  /** The case, when the caller may see it. */
  @Transactional
  public Optional<VisibleCase> find(Caller caller, UUID caseId) {
    Filter filter = filter(caller);
    Object[] params = new Object[filter.params().length + 1];
    params[0] = caseId;
    System.arraycopy(filter.params(), 0, params, 1, filter.params().length);
    return db.one(
        "SELECT d.id, d.child_id, c.home_id, c.responsible_municipality_code, d.status,"
            + " d.returned_at FROM disappearance_case d JOIN child c ON c.id = d.child_id"
            + " WHERE d.id = ? AND "
            + filter.sql(),
        rs ->
            new VisibleCase(
                Db.uuid(rs, "id"),
                Db.uuid(rs, "child_id"),
                Db.uuid(rs, "home_id"),
                rs.getString("responsible_municipality_code"),
                Status.valueOf(rs.getString("status")),
                Db.instant(rs, "returned_at")),
        params);
  }

  /** What a feature acting on a visible case needs to decide its own rule on top. */
  public record VisibleCase(
      UUID id,
      UUID childId,
      UUID homeId,
      String responsibleMunicipalityCode,
      Status status,
      Instant returnedAt) {}

  /** The rule as SQL over {@code disappearance_case d JOIN child c}, so that lists never leak. */
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
