package se.saknad.debriefs;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import se.saknad.cases.CaseAccess;
import se.saknad.cases.CaseAccess.CaseRows;
import se.saknad.common.Db;
import se.saknad.debriefs.DebriefApi.OverdueDebrief;
import se.saknad.geo.ReferenceGeography;
import se.saknad.homes.HomeApi.HomeView;
import se.saknad.homes.Homes;
import se.saknad.security.Caller;

/**
 * The 72-hour clock: returned cases without a debrief, for the lists (scoped like the case list,
 * and by {@link DebriefScope}), the national gauge and the reminder job. The cases come from {@code
 * cases.CaseAccess} as a sub-select {@code v}; only the debrief is looked up here.
 */
@Singleton
@Transactional
class CasesAwaitingDebrief {
  /** Over the cases {@code v}: returned, due before the parameter, and without a debrief. */
  private static final String WITHOUT_DEBRIEF =
      " v WHERE v.status IN ('RETURNED', 'CLOSED') AND v.debrief_due_by < ?"
          + " AND NOT EXISTS (SELECT 1 FROM debrief b WHERE b.case_id = v.id)";

  private static final String COLUMNS =
      "SELECT v.id, v.code, v.home_id, v.responsible_municipality_code, v.returned_at,"
          + " v.debrief_due_by, v.debrief_reminded_at IS NOT NULL AS reminded FROM ";

  private final Db db;
  private final CaseAccess caseAccess;
  private final Homes homes;
  private final ReferenceGeography geography;
  private final Clock clock;

  CasesAwaitingDebrief(
      Db db, CaseAccess caseAccess, Homes homes, ReferenceGeography geography, Clock clock) {
    this.db = db;
    this.caseAccess = caseAccess;
    this.homes = homes;
    this.geography = geography;
    this.clock = clock;
  }

  /** Returned cases without a debrief past their deadline, scoped like the case list. */
  List<OverdueDebrief> overdue(Caller caller) {
    return withoutDebrief(caller, clock.instant());
  }

  /** Every returned case still waiting for its debrief, due or not. */
  List<OverdueDebrief> pending(Caller caller) {
    return withoutDebrief(caller, Instant.parse("9999-01-01T00:00:00Z"));
  }

  private List<OverdueDebrief> withoutDebrief(Caller caller, Instant dueBefore) {
    CaseRows visible = caseAccess.visibleTo(caller);
    List<Object> params = new ArrayList<>(Arrays.asList(visible.params()));
    params.add(dueBefore);
    String scope = DebriefScope.listCondition(caller, params);
    List<OverdueDebrief> rows =
        db.list(
            COLUMNS + visible.sql() + WITHOUT_DEBRIEF + scope + " ORDER BY v.debrief_due_by",
            CasesAwaitingDebrief::row,
            params.toArray());
    Map<UUID, HomeView> homeViews =
        homes.find(rows.stream().map(OverdueDebrief::homeId).collect(Collectors.toSet()));
    Instant now = clock.instant();
    return rows.stream()
        .map(
            o ->
                o.named(
                    Optional.ofNullable(homeViews.get(o.homeId())).map(HomeView::name).orElse(null),
                    geography.municipalityName(o.responsibleMunicipalityCode()),
                    now))
        .toList();
  }

  /** How many returned cases are past their debrief deadline without a debrief, nationally. */
  long overdueCount() {
    CaseRows every = caseAccess.everyCase();
    return db.one(
            "SELECT count(*) FROM " + every.sql() + WITHOUT_DEBRIEF,
            rs -> rs.getLong(1),
            with(every, clock.instant()))
        .orElse(0L);
  }

  /** Overdue debriefs nobody has been reminded of yet, nationally, for the reminder job. */
  List<OverdueDebrief> dueForReminder() {
    CaseRows every = caseAccess.everyCase();
    return db.list(
        COLUMNS + every.sql() + WITHOUT_DEBRIEF + " AND v.debrief_reminded_at IS NULL",
        CasesAwaitingDebrief::row,
        with(every, clock.instant()));
  }

  /** Whether the case is still due for its reminder: read again once its row is locked. */
  boolean stillDueForReminder(UUID caseId) {
    CaseRows every = caseAccess.everyCase();
    return db.exists(
        "SELECT 1 FROM "
            + every.sql()
            + WITHOUT_DEBRIEF
            + " AND v.debrief_reminded_at IS NULL AND v.id = ?",
        with(every, clock.instant(), caseId));
  }

  private static Object[] with(CaseRows cases, Object... params) {
    List<Object> all = new ArrayList<>(Arrays.asList(cases.params()));
    all.addAll(Arrays.asList(params));
    return all.toArray();
  }

  private static OverdueDebrief row(ResultSet rs) throws SQLException {
    return new OverdueDebrief(
        Db.uuid(rs, "id"),
        rs.getString("code"),
        Db.uuid(rs, "home_id"),
        rs.getString("responsible_municipality_code"),
        Db.instant(rs, "returned_at"),
        Db.instant(rs, "debrief_due_by"),
        rs.getBoolean("reminded"),
        null,
        null,
        0);
  }
}
