package se.saknad.cases;

import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import se.saknad.cases.CaseApi.RiskLevel;
import se.saknad.cases.CaseApi.Status;
import se.saknad.common.Db;
import se.saknad.geo.GeoPoint;

/** Reads case rows; package-internal. */
@Singleton
class CaseRecords {
  /** A case row as stored. */
  record CaseRow(
      UUID id,
      UUID childId,
      UUID homeId,
      String responsibleMunicipality,
      String code,
      Status status,
      Instant lastSeenAt,
      GeoPoint lastSeenLocation,
      String lastSeenPlace,
      String clothing,
      String circumstances,
      RiskLevel riskLevel,
      String municipalityCode,
      String policeRegion,
      GeoPoint searchCenter,
      Instant reportedAt,
      Instant returnedAt,
      Instant debriefDueBy,
      Instant closedAt,
      UUID concernId,
      boolean repeatMissing,
      Integer episodesInWindow,
      List<String> riskYes,
      RiskLevel riskAnswersLevel,
      String riskOverrideReason,
      String withdrawalReason) {}

  static final String SELECT =
      """
      SELECT d.*, c.home_id, c.responsible_municipality_code,
             ST_Y(d.last_seen_location::geometry) AS seen_lat,
             ST_X(d.last_seen_location::geometry) AS seen_lon,
             ST_Y(d.search_center::geometry) AS center_lat,
             ST_X(d.search_center::geometry) AS center_lon,
             ARRAY(SELECT e.key FROM jsonb_each_text(d.risk_answers) e WHERE e.value = 'true')
               AS risk_yes
      FROM disappearance_case d JOIN child c ON c.id = d.child_id
      """;

  private final Db db;
  private final Clock clock;

  CaseRecords(Db db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  Optional<CaseRow> find(UUID id) {
    return db.one(SELECT + " WHERE d.id = ?", CaseRecords::row, id);
  }

  Optional<CaseRow> findForUpdate(UUID id) {
    return db.one(SELECT + " WHERE d.id = ? FOR UPDATE OF d", CaseRecords::row, id);
  }

  Optional<UUID> openCaseOf(UUID childId) {
    return db.one(
        "SELECT id FROM disappearance_case WHERE child_id = ? AND status IN ('MISSING', 'LOCATED')",
        rs -> Db.uuid(rs, "id"),
        childId);
  }

  /** Newest first, at most {@code limit} rows, after {@code after} when given. */
  List<CaseRow> list(String where, List<Object> params, ListPosition after, int limit) {
    List<Object> all = new java.util.ArrayList<>(params);
    String sql = SELECT + " WHERE " + where;
    if (after != null) {
      sql += " AND (d.reported_at, d.id) < (?, ?)";
      all.add(after.reportedAt());
      all.add(after.id());
    }
    all.add(limit);
    return db.list(
        sql + " ORDER BY d.reported_at DESC, d.id DESC LIMIT ?", CaseRecords::row, all.toArray());
  }

  Instant now() {
    return clock.instant();
  }

  static CaseRow row(ResultSet rs) throws SQLException {
    return new CaseRow(
        Db.uuid(rs, "id"),
        Db.uuid(rs, "child_id"),
        Db.uuid(rs, "home_id"),
        rs.getString("responsible_municipality_code"),
        rs.getString("code"),
        Status.valueOf(rs.getString("status")),
        Db.instant(rs, "last_seen_at"),
        GeoPoint.read(rs, "seen"),
        rs.getString("last_seen_place"),
        rs.getString("clothing"),
        rs.getString("circumstances"),
        RiskLevel.valueOf(rs.getString("risk_level")),
        rs.getString("municipality_code"),
        rs.getString("police_region_code"),
        GeoPoint.read(rs, "center"),
        Db.instant(rs, "reported_at"),
        Db.instant(rs, "returned_at"),
        Db.instant(rs, "debrief_due_by"),
        Db.instant(rs, "closed_at"),
        Db.uuid(rs, "concern_id"),
        rs.getBoolean("repeat_missing"),
        (Integer) rs.getObject("episodes_in_window"),
        Db.strings(rs, "risk_yes"),
        rs.getString("risk_answers_level") == null
            ? null
            : RiskLevel.valueOf(rs.getString("risk_answers_level")),
        rs.getString("risk_override_reason"),
        rs.getString("withdrawal_reason"));
  }
}
