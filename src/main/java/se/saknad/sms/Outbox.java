package se.saknad.sms;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
  /** A claimed delivery; {@code notice} when it is a message to the coordinators. */
  record Claimed(
      UUID id,
      UUID caseId,
      String phone,
      String body,
      int attempts,
      boolean notice,
      int priority) {}

  private final Db db;
  private final Clock clock;
  private final SmsConfig config;
  private final CoordinatorNotices notices;

  Outbox(Db db, Clock clock, SmsConfig config, CoordinatorNotices notices) {
    this.db = db;
    this.clock = clock;
    this.config = config;
    this.notices = notices;
  }

  List<Claimed> claim(int limit) {
    Instant now = clock.instant();
    return db
        .list(
            """
        UPDATE delivery d SET status = 'SENDING', lease_until = ?, attempts = d.attempts + 1,
               updated_at = ?
        WHERE d.id IN (SELECT id FROM delivery
                       WHERE status = 'QUEUED' AND next_attempt_at <= ?
                       ORDER BY priority, next_attempt_at
                       LIMIT ? FOR UPDATE SKIP LOCKED)
        RETURNING d.id, d.case_id, d.phone, d.body, d.attempts, d.alert_id IS NULL AS notice,
                  d.priority, d.next_attempt_at
        """,
            rs ->
                new Claimed(
                    Db.uuid(rs, "id"),
                    Db.uuid(rs, "case_id"),
                    rs.getString("phone"),
                    rs.getString("body"),
                    rs.getInt("attempts"),
                    rs.getBoolean("notice"),
                    rs.getInt("priority")),
            now.plus(config.lease()),
            now,
            now,
            limit)
        .stream()
        // RETURNING gives rows in storage order: send police first, as claimed.
        .sorted(java.util.Comparator.comparingInt(Claimed::priority))
        .toList();
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

  void accepted(Claimed d, String sid, String providerStatus) {
    String status = "delivered".equals(providerStatus) ? "DELIVERED" : "SENT";
    db.update(
        "UPDATE delivery SET status = ?, provider_sid = ?, lease_until = NULL, error_code = NULL,"
            + " updated_at = ? WHERE id = ? AND status = 'SENDING'",
        status,
        sid,
        clock.instant(),
        d.id());
    event(d.id(), sid, status, null, "SEND");
  }

  void transientFailure(Claimed d, String errorCode) {
    if (d.attempts() >= config.maxAttempts()) {
      permanentFailure(d, errorCode == null ? "RETRIES_EXHAUSTED" : errorCode);
      return;
    }
    Instant next = clock.instant().plus(backoff(d.attempts()));
    db.update(
        "UPDATE delivery SET status = 'QUEUED', next_attempt_at = ?, lease_until = NULL,"
            + " error_code = ?, updated_at = ? WHERE id = ? AND status = 'SENDING'",
        next,
        errorCode,
        clock.instant(),
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

  /** Exponential with full jitter, capped: spreads retries after a provider outage. */
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
