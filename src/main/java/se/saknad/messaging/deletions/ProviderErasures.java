package se.saknad.messaging.deletions;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import se.saknad.common.Db;

/**
 * The queue of deletions at the provider: claimed with a lease and SKIP LOCKED like the outbox, so
 * several instances share the work and a crash only delays a deletion. A deletion is never given
 * up: after {@code failingAfter} attempts it is shown to the administrators as failing and still
 * retried, at most {@code retryMax} apart.
 */
@Singleton
@Transactional
class ProviderErasures {
  /** One deletion as the administrators see it. */
  @Serdeable
  record View(
      String sid,
      String direction,
      String status,
      int attempts,
      String lastError,
      Instant createdAt,
      Instant nextAttemptAt,
      Instant doneAt) {}

  private static final Duration LEASE = Duration.ofMinutes(2);

  private final Db db;
  private final Clock clock;
  private final ErasureConfig config;

  ProviderErasures(Db db, Clock clock, ErasureConfig config) {
    this.db = db;
    this.clock = clock;
    this.config = config;
  }

  /** Claims up to {@code limit} deletions that were due at {@code dueAt}. */
  List<String> claim(int limit, Instant dueAt) {
    Instant now = clock.instant();
    db.update(
        "UPDATE provider_erasure SET status = 'PENDING', lease_until = NULL"
            + " WHERE status = 'ERASING' AND lease_until < ?",
        now);
    return db.list(
        """
        UPDATE provider_erasure e SET status = 'ERASING', lease_until = ?, attempts = e.attempts + 1
        WHERE e.sid IN (SELECT sid FROM provider_erasure
                        WHERE status = 'PENDING' AND next_attempt_at <= ?
                        ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED)
        RETURNING e.sid
        """,
        rs -> rs.getString(1),
        now.plus(LEASE),
        dueAt,
        limit);
  }

  void erased(String sid) {
    db.update(
        "UPDATE provider_erasure SET status = 'DONE', lease_until = NULL, done_at = ?"
            + " WHERE sid = ? AND status = 'ERASING'",
        clock.instant(),
        sid);
  }

  void notErased(String sid, String reason) {
    int attempts =
        db.one("SELECT attempts FROM provider_erasure WHERE sid = ?", rs -> rs.getInt(1), sid)
            .orElse(1);
    db.update(
        "UPDATE provider_erasure SET status = 'PENDING', lease_until = NULL, next_attempt_at = ?,"
            + " last_error = ? WHERE sid = ? AND status = 'ERASING'",
        clock.instant().plus(backoff(attempts)),
        reason.length() > 200 ? reason.substring(0, 200) : reason,
        sid);
  }

  /** Exponential with jitter, capped: a provider that refuses for hours is asked rarely. */
  Duration backoff(int attempts) {
    long base = config.retryBase().toMillis();
    long cap = config.retryMax().toMillis();
    long exp = Math.min(cap, base * (1L << Math.min(20, Math.max(0, attempts - 1))));
    return Duration.ofMillis(exp / 2 + ThreadLocalRandom.current().nextLong(exp / 2 + 1));
  }

  /**
   * Deletions by state: PENDING (waiting or being tried), FAILING (pending after at least
   * failingAfter attempts), DONE; newest first.
   */
  List<View> list(String status, int limit) {
    String where =
        switch (status) {
          case "PENDING" -> "status <> 'DONE'";
          case "FAILING" -> "status <> 'DONE' AND attempts >= " + config.failingAfter();
          case "DONE" -> "status = 'DONE'";
          default -> throw new IllegalArgumentException(status);
        };
    return db.list(
        "SELECT * FROM provider_erasure WHERE " + where + " ORDER BY created_at DESC, sid LIMIT ?",
        rs ->
            new View(
                rs.getString("sid"),
                rs.getString("direction"),
                "DONE".equals(rs.getString("status"))
                    ? "DONE"
                    : rs.getInt("attempts") >= config.failingAfter() ? "FAILING" : "PENDING",
                rs.getInt("attempts"),
                rs.getString("last_error"),
                Db.instant(rs, "created_at"),
                "DONE".equals(rs.getString("status")) ? null : Db.instant(rs, "next_attempt_at"),
                Db.instant(rs, "done_at")),
        limit);
  }

  /** How many deletions have failed at least failingAfter times and are not done yet. */
  long failing() {
    return db.one(
            "SELECT count(*) FROM provider_erasure WHERE status <> 'DONE' AND attempts >= ?",
            rs -> rs.getLong(1),
            config.failingAfter())
        .orElse(0L);
  }
}
