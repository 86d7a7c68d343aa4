package se.saknad.security;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Counts failed sign-ins in the database, so the limits hold across restarts and instances. A
 * stranger's failures slow down only their own address on that account (the right password from
 * elsewhere still works), and one address failing on many accounts (password spraying) is stopped
 * for the window. Callers run inside a transaction that holds the account's advisory lock.
 */
@Singleton
class LoginThrottle {
  private final JdbcOperations jdbc;
  private final SecurityConfig config;
  private final Clock clock;

  LoginThrottle(JdbcOperations jdbc, SecurityConfig config, Clock clock) {
    this.jdbc = jdbc;
    this.config = config;
    this.clock = clock;
  }

  void lockAccount(String username) {
    jdbc.prepareStatement(
        "SELECT pg_advisory_xact_lock(hashtext(lower(?)))",
        s -> {
          s.setString(1, username);
          s.execute();
          return null;
        });
  }

  /** How long this account and address must wait before the next attempt, if at all. */
  Optional<Duration> waitBefore(String username, String address) {
    Instant now = clock.instant();
    Instant since = now.minus(config.window());
    Failures fromAddress =
        failures("client_address = ? AND failed_at > ?", address, Timestamp.from(since));
    if (fromAddress.count() >= config.addressMaxFailures()) {
      return Optional.of(Duration.between(now, fromAddress.first().plus(config.window())));
    }
    Failures pair =
        failures(
            "lower(username) = lower(?) AND client_address = ? AND failed_at > ?",
            username,
            address,
            Timestamp.from(since));
    long beyond = pair.count() - config.freeFailures();
    if (beyond < 0) {
      return Optional.empty();
    }
    Duration delay = Duration.ofSeconds(1L << Math.min(beyond, 20));
    if (delay.compareTo(config.maxDelay()) > 0) {
      delay = config.maxDelay();
    }
    Instant until = pair.last().plus(delay);
    return until.isAfter(now) ? Optional.of(Duration.between(now, until)) : Optional.empty();
  }

  private record Failures(long count, Instant first, Instant last) {}

  private Failures failures(String where, Object... params) {
    return jdbc.prepareStatement(
        "SELECT count(*), min(failed_at), max(failed_at) FROM login_failure WHERE " + where,
        s -> {
          for (int i = 0; i < params.length; i++) {
            s.setObject(i + 1, params[i]);
          }
          try (ResultSet rs = s.executeQuery()) {
            rs.next();
            Timestamp first = rs.getTimestamp(2);
            Timestamp last = rs.getTimestamp(3);
            return new Failures(
                rs.getLong(1),
                first == null ? null : first.toInstant(),
                last == null ? null : last.toInstant());
          }
        });
  }

  void recordFailure(String username, String address) {
    jdbc.prepareStatement(
        "INSERT INTO login_failure (username, client_address, failed_at) VALUES (?, ?, ?)",
        s -> {
          s.setString(1, username);
          s.setString(2, address);
          s.setTimestamp(3, Timestamp.from(clock.instant()));
          return s.executeUpdate();
        });
  }

  /** A success from this address forgets its failures on the account (not those of others). */
  void forget(String username, String address) {
    jdbc.prepareStatement(
        "DELETE FROM login_failure WHERE lower(username) = lower(?) AND client_address = ?",
        s -> {
          s.setString(1, username);
          s.setString(2, address);
          return s.executeUpdate();
        });
  }
}
