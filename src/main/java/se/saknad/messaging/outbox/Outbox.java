package se.saknad.messaging.outbox;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import se.saknad.common.Db;

/**
 * The delivery rows as a work queue. Claims use FOR UPDATE SKIP LOCKED, so any number of
 * dispatchers on one database take disjoint rows; a claim is a lease, and a lease that runs out
 * (the process died between claim and answer) puts the row back in the queue.
 */
@Singleton
@Transactional
class Outbox {
  private static final java.util.Set<String> OPEN = java.util.Set.of("MISSING", "LOCATED");

  /**
   * A claimed delivery; {@code notice} when it is a message to the coordinators, {@code voice} when
   * it is a call (its body is the text read out).
   */
  record Claimed(
      UUID id,
      UUID caseId,
      UUID alertId,
      String phone,
      String body,
      int attempts,
      boolean notice,
      int priority,
      int turn,
      boolean voice,
      Instant leaseUntil) {}

  private final Db db;
  private final Clock clock;
  private final SmsConfig config;
  private final CoordinatorNotices notices;

  /**
   * Alerts this instance has seen a message of accepted, so that only the first accepted message of
   * each alert looks whether it was the alert's first anywhere.
   */
  private final Cache<UUID, Boolean> alertsSeen =
      Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofHours(1)).build();

  Outbox(Db db, Clock clock, SmsConfig config, CoordinatorNotices notices) {
    this.db = db;
    this.clock = clock;
    this.config = config;
    this.notices = notices;
  }

  List<Claimed> claim(int limit) {
    return claim(limit, "AND next_attempt_at <= ?");
  }

  /**
   * One delivery to find out whether a provider that is down answers again: the first in line
   * (police first), whatever its backoff says.
   */
  List<Claimed> claimProbe() {
    return claim(1, "AND ?::timestamptz IS NOT NULL");
  }

  private List<Claimed> claim(int limit, String due) {
    Instant now = clock.instant();
    return db
        .list(
            """
        UPDATE delivery d SET status = 'SENDING', lease_until = ?, attempts = d.attempts + 1,
               updated_at = ?
        WHERE d.id IN (SELECT id FROM delivery
                       WHERE status = 'QUEUED' %s
                       ORDER BY priority, turn, next_attempt_at
                       LIMIT ? FOR UPDATE SKIP LOCKED)
        RETURNING d.id, d.case_id, d.alert_id, d.phone, d.body, d.attempts,
                  d.alert_id IS NULL AS notice, d.priority, d.turn, d.next_attempt_at,
                  d.channel = 'VOICE' AS voice
        """
                .formatted(due),
            rs ->
                new Claimed(
                    Db.uuid(rs, "id"),
                    Db.uuid(rs, "case_id"),
                    Db.uuid(rs, "alert_id"),
                    rs.getString("phone"),
                    rs.getString("body"),
                    rs.getInt("attempts"),
                    rs.getBoolean("notice"),
                    rs.getInt("priority"),
                    rs.getInt("turn"),
                    rs.getBoolean("voice"),
                    now.plus(config.lease())),
            now.plus(config.lease()),
            now,
            now,
            limit)
        .stream()
        // RETURNING gives rows in storage order: send them in the order they were claimed.
        .sorted(
            java.util.Comparator.comparingInt(Claimed::priority).thenComparingInt(Claimed::turn))
        .toList();
  }

  /**
   * Renews the lease of a claimed delivery just before it goes to the provider. False when the
   * claim is no longer this dispatcher's: a batch that outlived its lease (a slow provider, a busy
   * machine) had the row taken back and claimed again by another dispatcher, which sends it. The
   * attempt count, raised by every claim, tells the two claims apart.
   */
  boolean renew(Claimed d) {
    Instant now = clock.instant();
    // Nobody takes a row back before its lease has run out: while more than half of the claim's
    // lease is left, the row is certainly still ours and the database need not be asked.
    if (now.isBefore(d.leaseUntil().minus(config.lease().dividedBy(2)))) {
      return true;
    }
    return db.update(
            "UPDATE delivery SET lease_until = ?, updated_at = ?"
                + " WHERE id = ? AND status = 'SENDING' AND attempts = ?",
            now.plus(config.lease()),
            now,
            d.id(),
            d.attempts())
        == 1;
  }

  /**
   * Gives back a claimed delivery that was not tried (the provider or the database went away
   * meanwhile), unless it has been claimed again since.
   */
  void release(Claimed d) {
    db.update(
        "UPDATE delivery SET status = 'QUEUED', attempts = greatest(attempts - 1, 0),"
            + " lease_until = NULL, updated_at = ? WHERE id = ? AND status = 'SENDING'"
            + " AND attempts = ?",
        clock.instant(),
        d.id(),
        d.attempts());
  }

  /** After an outage: everything waiting is due now, and claims take police first. */
  int resumeAll() {
    Instant now = clock.instant();
    return db.update(
        "UPDATE delivery SET next_attempt_at = ? WHERE status = 'QUEUED' AND next_attempt_at > ?",
        now,
        now);
  }

  /** What waits for the provider: alert deliveries, coordinator notices, everything. */
  record Waiting(long alerts, long notices, long all) {}

  Waiting waiting() {
    return db.one(
            """
            SELECT count(*) FILTER (WHERE alert_id IS NOT NULL) AS alerts,
                   count(*) FILTER (WHERE alert_id IS NULL AND recipient_id IS NULL) AS notices,
                   count(*) AS all_waiting
            FROM delivery WHERE status IN ('QUEUED', 'SENDING')
            """,
            rs ->
                new Waiting(rs.getLong("alerts"), rs.getLong("notices"), rs.getLong("all_waiting")))
        .orElse(new Waiting(0, 0, 0));
  }

  /** How many deliveries are in each state, over the whole table. */
  java.util.Map<String, Long> countsByState() {
    java.util.Map<String, Long> counts = new java.util.HashMap<>();
    db.list(
            "SELECT status, count(*) AS n FROM delivery GROUP BY status",
            rs -> java.util.Map.entry(rs.getString("status"), rs.getLong("n")))
        .forEach(e -> counts.put(e.getKey(), e.getValue()));
    return counts;
  }

  /**
   * The earliest time a queued delivery that is due now became due; empty when none is due. A
   * dispatcher that works claims due deliveries within its poll, so one due long ago means the
   * outbox has stopped.
   */
  Optional<Instant> oldestDue() {
    return db.list(
            "SELECT min(next_attempt_at) AS oldest FROM delivery WHERE status = 'QUEUED'"
                + " AND next_attempt_at <= ?",
            rs -> Optional.ofNullable(Db.instant(rs, "oldest")),
            clock.instant())
        .get(0);
  }

  /** When the oldest delivery still waiting for the provider was queued; empty when none waits. */
  Optional<Instant> oldestWaiting() {
    return db.list(
            "SELECT min(created_at) AS oldest FROM delivery WHERE status IN ('QUEUED', 'SENDING')",
            rs -> Optional.ofNullable(Db.instant(rs, "oldest")))
        .get(0);
  }

  /**
   * Per recipient kind, the recipients of open cases that owe an acknowledgement past their
   * escalateAfterMinutes (escalation has begun and nobody answered).
   */
  java.util.Map<String, Long> unacknowledgedPastEscalation() {
    java.util.Map<String, Long> counts = new java.util.HashMap<>();
    db.list(
            """
            SELECT d.recipient_kind, count(DISTINCT (d.case_id, d.recipient_id)) AS n
            FROM delivery d
            JOIN recipient r ON r.id = d.recipient_id
            JOIN disappearance_case c ON c.id = d.case_id
            WHERE d.ack_required AND d.acknowledged_at IS NULL
              AND c.status IN ('MISSING', 'LOCATED')
              AND d.created_at + make_interval(mins => r.escalate_after_minutes) <= ?
            GROUP BY d.recipient_kind
            """,
            rs -> java.util.Map.entry(rs.getString("recipient_kind"), rs.getLong("n")),
            clock.instant())
        .forEach(e -> counts.put(e.getKey(), e.getValue()));
    return counts;
  }

  /** The texts of coordinator notices still waiting to be sent, oldest first, one per text. */
  record WaitingNotice(String text, Instant queuedAt) {}

  List<WaitingNotice> waitingNotices() {
    return db.list(
        """
        SELECT body, min(created_at) AS queued_at FROM delivery
        WHERE status IN ('QUEUED', 'SENDING') AND alert_id IS NULL AND recipient_id IS NULL
        GROUP BY body ORDER BY queued_at LIMIT 50
        """,
        rs -> new WaitingNotice(rs.getString("body"), Db.instant(rs, "queued_at")));
  }

  /** Puts deliveries whose lease ran out back in the queue; returns how many. */
  int reclaimExpiredLeases() {
    Instant now = clock.instant();
    return db.update(
        "UPDATE delivery SET status = 'QUEUED', next_attempt_at = ?, lease_until = NULL,"
            + " updated_at = ? WHERE status = 'SENDING' AND lease_until < ?",
        now,
        now,
        now);
  }

  /**
   * What recording an acceptance found: {@code claimedAgain} when the claim's lease had run out and
   * the row was claimed again before this answer was recorded (so the phone gets it twice); {@code
   * sinceReport} when this was the first accepted message of the report's Alert.
   */
  record Recorded(boolean claimedAgain, Optional<Duration> sinceReport) {}

  Recorded accepted(Claimed d, String sid, String providerStatus) {
    return accepted(d, sid, providerStatus, null);
  }

  /**
   * The provider took the delivery from {@code sender}; see {@link SenderPace}. The first accepted
   * message of each Alert is written once (by whichever instance sends first) with how long after
   * the report it was. Only the alert's primary key and that small table are read, and only for the
   * first message of each alert this instance sends: nothing here scans the outbox.
   */
  Recorded accepted(Claimed d, String sid, String providerStatus, String sender) {
    Instant now = clock.instant();
    String status = "delivered".equals(providerStatus) ? "DELIVERED" : "SENT";
    int ours =
        db.update(
            "UPDATE delivery SET status = ?, provider_sid = ?, lease_until = NULL, error_code = NULL,"
                + " sender = ?, updated_at = ? WHERE id = ? AND status = 'SENDING' AND attempts = ?",
            status,
            sid,
            sender,
            now,
            d.id(),
            d.attempts());
    event(d.id(), sid, status, null, "SEND");
    if (ours == 0) {
      // Not ours any more: claimed again after the lease ran out (a later attempt), or withdrawn.
      boolean claimedAgain =
          db.one("SELECT attempts FROM delivery WHERE id = ?", rs -> rs.getInt(1), d.id())
              .map(attempts -> attempts > d.attempts())
              .orElse(false);
      return new Recorded(claimedAgain, Optional.empty());
    }
    if (d.alertId() == null
        || d.voice()
        || alertsSeen.asMap().putIfAbsent(d.alertId(), Boolean.TRUE) != null) {
      return new Recorded(false, Optional.empty());
    }
    Optional<Duration> since =
        db.one(
                """
                INSERT INTO alert_first_send (alert_id, sent_at)
                SELECT a.id, ? FROM alert a WHERE a.id = ? AND a.sequence = 1
                ON CONFLICT DO NOTHING
                RETURNING (SELECT c.reported_at FROM disappearance_case c WHERE c.id = ?) AS reported_at
                """,
                rs -> Db.instant(rs, "reported_at"),
                now,
                d.alertId(),
                d.caseId())
            .map(reported -> Duration.between(reported, now));
    return new Recorded(false, since);
  }

  /**
   * A transient failure is retried: alert deliveries for as long as the case is open (a Cancel
   * always), coordinator notices always, anything else until saknad.sms.give-up-after. An Alert or
   * Update whose case is closed meanwhile is withdrawn: the child is back. So is a call whose
   * recipient acknowledged meanwhile: it has nothing left to ask.
   */
  void transientFailure(Claimed d, String errorCode) {
    record Kind(
        String msgType,
        String caseStatus,
        boolean coordinatorNotice,
        Instant queuedAt,
        boolean answeredCall) {}
    Kind kind =
        db.one(
                """
                SELECT a.msg_type, c.status AS case_status,
                       d.alert_id IS NULL AND d.recipient_id IS NULL AS coordinator_notice,
                       d.created_at, d.channel = 'VOICE' AND NOT d.ack_required AS answered_call
                FROM delivery d LEFT JOIN alert a ON a.id = d.alert_id
                LEFT JOIN disappearance_case c ON c.id = d.case_id WHERE d.id = ?
                """,
                rs ->
                    new Kind(
                        rs.getString("msg_type"),
                        rs.getString("case_status"),
                        rs.getBoolean("coordinator_notice"),
                        Db.instant(rs, "created_at"),
                        rs.getBoolean("answered_call")),
                d.id())
            .orElseThrow();
    Instant now = clock.instant();
    if (kind.answeredCall()
        || kind.msgType() != null
            && !"Cancel".equals(kind.msgType())
            && !OPEN.contains(kind.caseStatus())) {
      db.update(
          "UPDATE delivery SET status = 'WITHDRAWN', lease_until = NULL, error_code = ?,"
              + " updated_at = ? WHERE id = ? AND status = 'SENDING'",
          errorCode,
          now,
          d.id());
      event(d.id(), null, "WITHDRAWN", errorCode, "SEND");
      return;
    }
    if (kind.msgType() == null
        && !kind.coordinatorNotice()
        && !kind.queuedAt().plus(config.giveUp()).isAfter(now)) {
      permanentFailure(d, errorCode == null ? "RETRIES_EXHAUSTED" : errorCode);
      return;
    }
    db.update(
        "UPDATE delivery SET status = 'QUEUED', next_attempt_at = ?, lease_until = NULL,"
            + " error_code = ?, updated_at = ? WHERE id = ? AND status = 'SENDING'",
        now.plus(backoff(d.attempts())),
        errorCode,
        now,
        d.id());
    event(d.id(), null, "RETRY", errorCode, "SEND");
  }

  void permanentFailure(Claimed d, String errorCode) {
    db.update(
        "UPDATE delivery SET status = 'FAILED', lease_until = NULL, error_code = ?, updated_at = ?"
            + " WHERE id = ? AND status = 'SENDING'",
        errorCode,
        clock.instant(),
        d.id());
    event(d.id(), null, "FAILED", errorCode, "SEND");
    if (!d.notice()) {
      notices.deliveryFailed(d.caseId(), d.id(), errorCode);
    }
  }

  /**
   * Exponential with jitter, capped at saknad.sms.retry-max (30 s by default, so that a delivery is
   * tried again soon after a short failure; long outages are handled by probing).
   */
  Duration backoff(int attempts) {
    long base = config.retryBase().toMillis();
    long cap = config.retryMax().toMillis();
    long exp = Math.min(cap, base * (1L << Math.min(20, Math.max(0, attempts - 1))));
    return Duration.ofMillis(exp / 2 + ThreadLocalRandom.current().nextLong(exp / 2 + 1));
  }

  private void event(UUID deliveryId, String sid, String status, String errorCode, String source) {
    db.update(
        "INSERT INTO delivery_event (delivery_id, provider_sid, status, error_code, source, at)"
            + " VALUES (?, ?, ?, ?, ?, ?)",
        deliveryId,
        sid,
        status,
        errorCode,
        source,
        clock.instant());
  }
}
