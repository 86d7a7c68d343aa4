package se.saknad.security;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts failed sign-ins in the database, so the limits hold across restarts and instances (see
 * {@link SecurityConfig} for the limits). Every attempt that is let through is counted as a failure
 * before its password is checked, in a short transaction that holds the advisory locks of the
 * account name and (unless the browser is the account's trusted device) of the address, so that
 * simultaneous guesses are all counted; the password is then checked with no transaction open, and
 * a right one takes its attempt back.
 */
@Singleton
class LoginThrottle {
  private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);

  /** What may happen to a sign-in attempt before its password is checked. */
  sealed interface Admission {}

  /** Let through: {@code attempt} is the failure recorded for it until the password is right. */
  record Admitted(long attempt, Optional<UserAccount> account, boolean trustedDevice)
      implements Admission {}

  /** Not now: try again after {@code wait}. */
  record Slowed(Duration retryAfter) implements Admission {}

  private final JdbcOperations jdbc;
  private final UserRepository users;
  private final SecurityConfig config;
  private final Clock clock;

  LoginThrottle(JdbcOperations jdbc, UserRepository users, SecurityConfig config, Clock clock) {
    this.jdbc = jdbc;
    this.users = users;
    this.config = config;
    this.clock = clock;
  }

  /**
   * Decides whether the attempt may have its password checked, and if so records it as a failure. A
   * device counts as trusted when its cookie is this account's and it has failed fewer than the
   * free failures itself; then no other limit applies.
   */
  @Transactional
  Admission admit(String username, String address, Optional<DeviceCookies.Device> device) {
    lockAccount(username);
    Optional<UserAccount> account = users.findByLogin(username);
    Instant now = clock.instant();
    Timestamp since = Timestamp.from(now.minus(config.window()));
    String range = ClientAddresses.rangeOf(address);
    boolean trusted =
        device.isPresent()
            && account.isPresent()
            && device.get().userId().equals(account.get().id())
            && failures("device = ? AND failed_at > ?", device.get().id(), since).count()
                < config.freeFailures();
    // Counted before this attempt; once it is recorded, each is one more.
    long[] counted = new long[3];
    if (!trusted) {
      // Attempts from one address on different names are decided one at a time too, or a burst
      // would all pass the address's wait before any of them is recorded.
      lockAddress(address);
      Failures pair =
          failures(
              "lower(username) = lower(?) AND client_address = ? AND failed_at > ?",
              username,
              address,
              since);
      Failures anywhere = failures("lower(username) = lower(?) AND failed_at > ?", username, since);
      // A trusted device's failures are its own: they never slow down its neighbours.
      Failures fromAddress =
          failures("client_address = ? AND device IS NULL AND failed_at > ?", address, since);
      List<Limit> limits =
          List.of(
              new Limit(pair, config.freeFailures(), config.maxDelay()),
              new Limit(anywhere, config.accountFreeFailures(), config.accountMaxDelay()),
              new Limit(fromAddress, config.addressFreeFailures(), config.addressMaxDelay()));
      Duration wait = Duration.ZERO;
      for (Limit limit : limits) {
        Duration w = limit.waitAt(now);
        wait = w.compareTo(wait) > 0 ? w : wait;
      }
      if (!wait.isZero()) {
        return new Slowed(wait);
      }
      counted = new long[] {pair.count(), anywhere.count(), fromAddress.count()};
    }
    long attempt =
        jdbc.prepareStatement(
            "INSERT INTO login_failure (username, client_address, address_range, device,"
                + " failed_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
            s -> {
              s.setString(1, username);
              s.setString(2, address);
              s.setString(3, range);
              s.setString(4, trusted ? device.get().id() : null);
              s.setTimestamp(5, Timestamp.from(now));
              try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
              }
            });
    if (!trusted) {
      tellWhenSlowingBegins(
          counted[0] + 1, counted[1] + 1, counted[2] + 1, account, range, address, since);
    }
    return new Admitted(attempt, account, trusted);
  }

  /**
   * The password was right: its attempt is taken back, and so are the failures on the account from
   * this address and from this device (not those of others).
   */
  @Transactional
  void succeeded(
      long attempt, String username, String address, Optional<DeviceCookies.Device> device) {
    jdbc.prepareStatement(
        "DELETE FROM login_failure WHERE id = ? OR (lower(username) = lower(?) AND"
            + " (client_address = ? OR device = ?))",
        s -> {
          s.setLong(1, attempt);
          s.setString(2, username);
          s.setString(3, address);
          s.setString(4, device.map(DeviceCookies.Device::id).orElse(null));
          return s.executeUpdate();
        });
  }

  /** The password was never checked (the hashing queue was full): the attempt did not count. */
  @Transactional
  void withdraw(long attempt) {
    jdbc.prepareStatement(
        "DELETE FROM login_failure WHERE id = ?",
        s -> {
          s.setLong(1, attempt);
          return s.executeUpdate();
        });
  }

  /** Forgets failures past the window: they no longer count for anything. */
  @Transactional
  int prune() {
    Timestamp before = Timestamp.from(clock.instant().minus(config.window()));
    return jdbc.prepareStatement(
        "DELETE FROM login_failure WHERE failed_at <= ?",
        s -> {
          s.setTimestamp(1, before);
          return s.executeUpdate();
        });
  }

  /** Failures of the window by address range, most first, at most {@code limit} ranges. */
  @Transactional
  List<RangeFailures> byRange(int limit) {
    Timestamp since = Timestamp.from(clock.instant().minus(config.window()));
    return jdbc.prepareStatement(
        "SELECT address_range, count(*), count(DISTINCT lower(username)) FROM login_failure"
            + " WHERE failed_at > ? AND device IS NULL GROUP BY address_range"
            + " ORDER BY count(*) DESC, address_range LIMIT ?",
        s -> {
          s.setTimestamp(1, since);
          s.setInt(2, limit);
          List<RangeFailures> ranges = new ArrayList<>();
          try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
              ranges.add(new RangeFailures(rs.getString(1), rs.getLong(2), rs.getLong(3)));
            }
          }
          return ranges;
        });
  }

  record RangeFailures(String range, long failures, long accounts) {}

  /** Always after {@link #lockAccount}: one order, so two attempts never wait for each other. */
  private void lockAddress(String address) {
    jdbc.prepareStatement(
        "SELECT pg_advisory_xact_lock(1, hashtext(?))",
        s -> {
          s.setString(1, address);
          s.execute();
          return null;
        });
  }

  private void lockAccount(String username) {
    jdbc.prepareStatement(
        "SELECT pg_advisory_xact_lock(hashtext(lower(?)))",
        s -> {
          s.setString(1, username);
          s.execute();
          return null;
        });
  }

  /**
   * One line when a limit begins to slow attempts down (the failure about to be recorded is its
   * first beyond the free ones), naming what an operator can act on: the account's id, or the
   * address range and how many accounts it tried. No name, no full address.
   */
  private void tellWhenSlowingBegins(
      long pair,
      long anywhere,
      long fromAddress,
      Optional<UserAccount> account,
      String range,
      String address,
      Timestamp since) {
    String who = account.map(a -> "account " + a.id()).orElse("an account that does not exist");
    String window = config.window().toMinutes() + " min";
    if (pair == config.freeFailures()) {
      LOG.warn(
          "Sign-ins slowed: {} from address range {} failed {} times within {}; each further"
              + " attempt from there waits up to {} s",
          who,
          range,
          pair,
          window,
          config.maxDelay().toSeconds());
    }
    if (account.isPresent() && anywhere == config.accountFreeFailures()) {
      LOG.warn(
          "Sign-ins slowed: {} failed {} times within {} from any address; each further attempt"
              + " without its device cookie waits up to {} s",
          who,
          anywhere,
          window,
          config.accountMaxDelay().toSeconds());
    }
    if (fromAddress == config.addressFreeFailures()) {
      long accounts =
          jdbc.prepareStatement(
              "SELECT count(DISTINCT lower(username)) FROM login_failure WHERE client_address = ?"
                  + " AND device IS NULL AND failed_at > ?",
              s -> {
                s.setString(1, address);
                s.setTimestamp(2, since);
                try (ResultSet rs = s.executeQuery()) {
                  rs.next();
                  return rs.getLong(1);
                }
              });
      LOG.warn(
          "Sign-ins slowed: an address in range {} failed {} times on {} account(s) within {};"
              + " each further attempt from it without a device cookie waits up to {} s",
          range,
          fromAddress,
          accounts,
          window,
          config.addressMaxDelay().toSeconds());
    }
  }

  private record Failures(long count, Instant last) {}

  /** A limit: past {@code free} failures, 1, 2, 4 … s after the last one, at most {@code max}. */
  private record Limit(Failures failures, int free, Duration max) {
    Duration waitAt(Instant now) {
      long beyond = failures.count() - free;
      if (beyond < 0 || failures.last() == null) {
        return Duration.ZERO;
      }
      Duration delay = Duration.ofSeconds(1L << Math.min(beyond, 30));
      if (delay.compareTo(max) > 0) {
        delay = max;
      }
      Instant until = failures.last().plus(delay);
      return until.isAfter(now) ? Duration.between(now, until) : Duration.ZERO;
    }
  }

  private Failures failures(String where, Object... params) {
    return jdbc.prepareStatement(
        "SELECT count(*), max(failed_at) FROM login_failure WHERE " + where,
        s -> {
          for (int i = 0; i < params.length; i++) {
            s.setObject(i + 1, params[i]);
          }
          try (ResultSet rs = s.executeQuery()) {
            rs.next();
            Timestamp last = rs.getTimestamp(2);
            return new Failures(rs.getLong(1), last == null ? null : last.toInstant());
          }
        });
  }
}
