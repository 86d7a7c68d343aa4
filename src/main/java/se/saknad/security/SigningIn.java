package se.saknad.security;

import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Checks a username and password, throttling failures per account and client address. */
@Singleton
class SigningIn {
  private static final Logger LOG = LoggerFactory.getLogger(SigningIn.class);

  sealed interface Outcome {}

  record SignedIn(Authentication authentication) implements Outcome {}

  record Refused() implements Outcome {}

  record Throttled(long retryAfterSeconds) implements Outcome {}

  private final UserRepository users;
  private final PasswordHasher hasher;
  private final LoginThrottle throttle;
  private final Clock clock;

  SigningIn(UserRepository users, PasswordHasher hasher, LoginThrottle throttle, Clock clock) {
    this.users = users;
    this.hasher = hasher;
    this.throttle = throttle;
    this.clock = clock;
  }

  /** Returns rather than throws, so that a recorded failure is committed. */
  @Transactional
  Outcome signIn(String username, String password, String address) {
    throttle.lockAccount(username);
    Optional<Duration> wait = throttle.waitBefore(username, address);
    if (wait.isPresent()) {
      LOG.warn("Sign-in refused without checking: slowed down after repeated failures");
      return new Throttled(Math.max(1, (wait.get().toMillis() + 999) / 1000));
    }
    Optional<UserAccount> account = users.findByLogin(username);
    if (account.isEmpty()) {
      hasher.burnTime(password);
    }
    if (account.isEmpty() || !hasher.matches(password, account.get().passwordHash())) {
      throttle.recordFailure(username, address);
      LOG.warn("Failed sign-in for account '{}'", printable(username));
      return new Refused();
    }
    if (!account.get().enabled()) {
      LOG.warn("Sign-in refused: account '{}' is disabled", printable(username));
      return new Refused();
    }
    throttle.forget(username, address);
    waitForTokensEnd(account.get().tokensValidAfter());
    return new SignedIn(authentication(account.get()));
  }

  /**
   * Tokens ended by a reset begin again at the next whole second (tokens carry whole seconds); a
   * sign-in within that second waits for it, so its token is not born dead.
   */
  private void waitForTokensEnd(Instant tokensValidAfter) {
    if (tokensValidAfter == null) {
      return;
    }
    long millis = Duration.between(clock.instant(), tokensValidAfter).toMillis();
    if (millis > 0) {
      try {
        Thread.sleep(Math.min(millis + 1, 1_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  static Authentication authentication(UserAccount user) {
    Map<String, Object> attributes = new HashMap<>();
    attributes.put(Caller.USER_ID, user.id().toString());
    if (user.homeId() != null) {
      attributes.put(Caller.HOME_ID, user.homeId().toString());
    }
    if (user.recipientId() != null) {
      attributes.put(Caller.RECIPIENT_ID, user.recipientId().toString());
    }
    if (user.municipalityCode() != null) {
      attributes.put(Caller.MUNICIPALITY, user.municipalityCode());
    }
    if (user.policeRegionCode() != null) {
      attributes.put(Caller.POLICE_REGION, user.policeRegionCode());
    }
    return Authentication.build(user.username(), List.of(user.role().name()), attributes);
  }

  /** Usernames come from outside: keep control characters out of the log. */
  private static String printable(String username) {
    String cleaned = username.replaceAll("\\p{Cntrl}", "?");
    return cleaned.length() > 64 ? cleaned.substring(0, 64) + "…" : cleaned;
  }
}
