package se.saknad.children;

import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import se.saknad.children.ChildApi.ChildView;
import se.saknad.children.ChildApi.Guardian;
import se.saknad.common.Db;

/**
 * Rows of {@code child c} read as the profile view, with no access check and no audit row: the
 * callers check ({@link ChildAccess}) and audit what they show.
 */
@Singleton
class ChildRows {
  /** The profile's columns and the child's cases within the repeat window (one parameter). */
  private static final String SELECT =
      "SELECT c.*, (SELECT count(*) FROM disappearance_case x WHERE x.child_id = c.id"
          + " AND x.last_seen_at > ? AND x.status <> 'WITHDRAWN') AS episodes_in_window"
          + " FROM child c WHERE ";

  private final Db db;
  private final Clock clock;
  private final RepeatPattern pattern;

  ChildRows(Db db, Clock clock, RepeatPattern pattern) {
    this.db = db;
    this.clock = clock;
    this.pattern = pattern;
  }

  private Object[] withWindow(List<Object> params) {
    List<Object> all = new java.util.ArrayList<>();
    all.add(pattern.windowStart());
    all.addAll(params);
    return all.toArray();
  }

  /** The profile, whoever asks. */
  Optional<ChildView> find(UUID id) {
    return one("c.id = ?", id);
  }

  /** The first profile {@code condition} over {@code child c} selects. */
  Optional<ChildView> one(String condition, Object... params) {
    return db.one(SELECT + condition, this::view, withWindow(java.util.Arrays.asList(params)));
  }

  /**
   * The profiles {@code condition} over {@code child c} selects, by name (then id, so that the
   * order is total), at most {@code limit}, after {@code after} when given.
   */
  List<ChildView> list(String condition, List<Object> params, ListPosition after, int limit) {
    List<Object> all = new java.util.ArrayList<>(params);
    String sql = SELECT + condition;
    if (after != null) {
      sql +=
          " AND (c.given_name, c.family_name, c.id) > (SELECT p.given_name, p.family_name, p.id"
              + " FROM child p WHERE p.id = ?)";
      all.add(after.id());
    }
    all.add(limit);
    return db.list(
        sql + " ORDER BY c.given_name, c.family_name, c.id LIMIT ?", this::view, withWindow(all));
  }

  private ChildView view(ResultSet rs) throws SQLException {
    LocalDate dob = rs.getObject("date_of_birth", LocalDate.class);
    Integer estimated = (Integer) rs.getObject("estimated_birth_year");
    String guardianPhone = rs.getString("guardian_phone");
    return new ChildView(
        Db.uuid(rs, "id"),
        Db.uuid(rs, "home_id"),
        rs.getString("given_name"),
        rs.getString("family_name"),
        Db.strings(rs, "aliases"),
        dob,
        estimated,
        Children.ageAt(dob, estimated, clock.instant()),
        ChildApi.Gender.valueOf(rs.getString("gender")),
        rs.getString("nationality"),
        Db.strings(rs, "languages"),
        rs.getString("dossier_number"),
        rs.getString("description"),
        Db.strings(rs, "risk_indicators"),
        guardianPhone == null ? null : new Guardian(rs.getString("guardian_name"), guardianPhone),
        rs.getString("responsible_municipality_code"),
        Db.uuid(rs, "merged_into"),
        rs.getObject("placement_ended_on", LocalDate.class),
        Db.instant(rs, "created_at"),
        Db.instant(rs, "updated_at"),
        pattern.of(rs.getInt("episodes_in_window")));
  }
}
