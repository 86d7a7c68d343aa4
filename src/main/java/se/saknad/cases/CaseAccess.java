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
 * with it and a single case is checked with the same fragment. Other features list cases through
 * {@link #visibleTo}, a sub-select of the visible cases, so that their SQL names none of the cases'
 * tables. Checking builds no view and writes no audit row; only a real read ({@link Cases#read}) is
 * audited.
 */
@Singleton
public class CaseAccess {
  /** The columns other features may read of a case, over {@code d} and {@code c}. */
  private static final String CASE_ROWS =
      "SELECT d.id, d.code, d.child_id, c.home_id, c.responsible_municipality_code, d.status,"
          + " d.returned_at, d.debrief_due_by, d.debrief_reminded_at"
          + " FROM disappearance_case d JOIN child c ON c.id = d.child_id WHERE ";

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
    CaseRows visible = visibleTo(caller);
    Object[] params = new Object[visible.params().length + 1];
    System.arraycopy(visible.params(), 0, params, 0, visible.params().length);
    params[visible.params().length] = caseId;
    return db.one(
        "SELECT * FROM " + visible.sql() + " v WHERE v.id = ?",
        rs ->
            new VisibleCase(
                Db.uuid(rs, "id"),
                Db.uuid(rs, "child_id"),
                Db.uuid(rs, "home_id"),
                rs.getString("responsible_municipality_code"),
                Status.valueOf(rs.getString("status")),
                Db.instant(rs, "returned_at"),
                Db.instant(rs, "debrief_due_by")),
        params);
  }

  /** What a feature acting on a visible case needs to decide its own rule on top. */
  public record VisibleCase(
      UUID id,
      UUID childId,
      UUID homeId,
      String responsibleMunicipalityCode,
      Status status,
      Instant returnedAt,
      Instant debriefDueBy) {}

  /**
   * The cases the caller may see, as a sub-select to read {@code FROM <sql> v}. Its columns: id,
   * code, child_id, home_id, responsible_municipality_code, status, returned_at, debrief_due_by,
   * debrief_reminded_at. Its parameters come before those of the statement around it.
   */
  public CaseRows visibleTo(Caller caller) {
    return rows(filter(caller));
  }

  /** Every case, with the same columns, for the jobs and national counts that act for no caller. */
  public CaseRows everyCase() {
    return rows(new Filter("TRUE"));
  }

  private static CaseRows rows(Filter filter) {
    return new CaseRows("(" + CASE_ROWS + filter.sql() + ")", filter.params());
  }

  /** A sub-select of cases and the parameters of its placeholders. */
  public record CaseRows(String sql, Object... params) {}

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
      // Partner systems read alerts through their feed (alerts.CapFeed), never a case view.
      case RESEARCHER, PARTNER -> new Filter("FALSE");
    };
  }

  record Filter(String sql, Object... params) {}
}
