package se.saknad.security;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

/**
 * Counts failed sign-ins per account in the database, so the limit holds across restarts and
 * instances. Callers run inside a transaction that holds the account's advisory lock.
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

  boolean isBlocked(String username) {
    Instant since = clock.instant().minus(config.window());
    return jdbc.prepareStatement(
        "SELECT count(*) FROM login_failure WHERE lower(username) = lower(?) AND failed_at > ?",
        s -> {
          s.setString(1, username);
          s.setTimestamp(2, Timestamp.from(since));
          try (ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1) >= config.maxFailures();
          }
        });
  }

  void recordFailure(String username) {
    jdbc.prepareStatement(
        "INSERT INTO login_failure (username, failed_at) VALUES (?, ?)",
        s -> {
          s.setString(1, username);
          s.setTimestamp(2, Timestamp.from(clock.instant()));
          return s.executeUpdate();
        });
  }

  void forget(String username) {
    jdbc.prepareStatement(
        "DELETE FROM login_failure WHERE lower(username) = lower(?)",
        s -> {
          s.setString(1, username);
          return s.executeUpdate();
        });
  }

  long retryAfterSeconds() {
    return config.window().toSeconds();
  }
}
