package se.saknad.audit;

import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import se.saknad.common.Db;
import se.saknad.security.AccountChanged;
import se.saknad.security.Caller;

/** The append-only record of who read or changed which child or case, when and where. */
@Singleton
public class AuditTrail {
  @Serdeable
  public record Event(
      long id,
      Instant at,
      UUID actorId,
      String actorRole,
      String action,
      UUID childId,
      UUID caseId,
      String endpoint) {}

  private final Db db;
  private final Clock clock;

  AuditTrail(Db db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Written in the caller's transaction: a change and its audit row commit together. */
  @Transactional
  public void record(Caller caller, String action, UUID childId, UUID caseId, String endpoint) {
    db.update(
        "INSERT INTO audit_event (at, actor_id, actor_role, action, child_id, case_id, endpoint)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)",
        clock.instant(),
        caller == null ? null : caller.userId(),
        caller == null ? "SYSTEM" : caller.role().name(),
        action,
        childId,
        caseId,
        endpoint);
  }

  /** One row per (child, case) pair, in one statement: what a list showed. */
  @Transactional
  public void recordAll(
      Caller caller, String action, List<UUID> childIds, List<UUID> caseIds, String endpoint) {
    if (caseIds.isEmpty()) {
      return;
    }
    db.update(
        "INSERT INTO audit_event (at, actor_id, actor_role, action, child_id, case_id, endpoint)"
            + " SELECT ?, ?, ?, ?, shown.child_id, shown.case_id, ?"
            + " FROM unnest(?::uuid[], ?::uuid[]) WITH ORDINALITY AS shown (child_id, case_id, n)"
            + " ORDER BY shown.n",
        clock.instant(),
        caller.userId(),
        caller.role().name(),
        action,
        endpoint,
        childIds,
        caseIds);
  }

  /** A change to an account (disabled, enabled, password reset or changed), by whom. */
  @EventListener
  @Transactional
  void recordAccount(AccountChanged change) {
    recordAccount(change.by(), change.action(), change.userId(), change.endpoint());
  }

  private void recordAccount(Caller caller, String action, UUID userId, String endpoint) {
    db.update(
        "INSERT INTO audit_event (at, actor_id, actor_role, action, subject_user_id, endpoint)"
            + " VALUES (?, ?, ?, ?, ?, ?)",
        clock.instant(),
        caller.userId(),
        caller.role().name(),
        action,
        userId,
        endpoint);
  }

  /**
   * Written in a transaction of its own, for attempts that are refused: the refusal rolls the
   * caller's transaction back, the trace of the attempt stays.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void recordApart(
      Caller caller, String action, UUID childId, UUID caseId, String endpoint) {
    record(caller, action, childId, caseId, endpoint);
  }

  /**
   * A child's trail: its own events and those of its cases (parameters: child, child). The case ids
   * are gathered first, as an array, so that both indexes answer; as {@code IN (subquery)} the
   * planner scanned the whole table, which only grows.
   */
  static final String CHILD_TRAIL =
      "SELECT * FROM audit_event WHERE child_id = ? OR case_id = ANY (ARRAY("
          + "SELECT id FROM disappearance_case WHERE child_id = ?)) ORDER BY at, id";

  /** A child's trail as someone reads it: that read is written to the trail too (after it). */
  @Transactional
  public List<Event> readForChild(Caller caller, UUID childId, String endpoint) {
    List<Event> trail = forChild(childId);
    record(caller, "AUDIT_TRAIL_READ", childId, null, endpoint);
    return trail;
  }

  @Transactional
  public List<Event> forChild(UUID childId) {
    return db.list(
        CHILD_TRAIL,
        rs ->
            new Event(
                rs.getLong("id"),
                Db.instant(rs, "at"),
                Db.uuid(rs, "actor_id"),
                rs.getString("actor_role"),
                rs.getString("action"),
                Db.uuid(rs, "child_id"),
                Db.uuid(rs, "case_id"),
                rs.getString("endpoint")),
        childId,
        childId);
  }
}
