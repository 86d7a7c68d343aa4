package se.saknad.security;

import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a username and password, throttled by {@link LoginThrottle}. The attempt is counted in one
 * short transaction, the password is checked on the hashing pool with no transaction or connection
 * held, and a right password takes its attempt back in another.
 */
@Singleton
class SigningIn {
  private static final Logger LOG = LoggerFactory.getLogger(SigningIn.class);

  sealed interface Outcome {}

  record SignedIn(Authentication authentication, UserAccount account) implements Outcome {}

  record Refused() implements Outcome {}

  record Throttled(long retryAfterSeconds) implements Outcome {}

  private final PasswordHasher hasher;
  private final LoginThrottle throttle;
  private final Clock clock;

  SigningIn(PasswordHasher hasher, LoginThrottle throttle, Clock clock) {
    this.hasher = hasher;
    this.throttle = throttle;
    this.clock = clock;
  }

  Outcome signIn(
      String username, String password, String address, Optional<DeviceCookies.Device> device) {
    LoginThrottle.Admission admission = throttle.admit(username, address, device);
    if (admission instanceof LoginThrottle.Slowed slowed) {
      LOG.debug("Sign-in refused without checking: slowed down after repeated failures");
      return new Throttled(seconds(slowed.retryAfter()));
    }
    LoginThrottle.Admitted admitted = (LoginThrottle.Admitted) admission;
    Optional<UserAccount> account = admitted.account();
    boolean right;
    try {
      right =
          account.isPresent()
              ? hasher.matches(password, account.get().passwordHash())
              : burn(password);
    } catch (RuntimeException notChecked) {
      throttle.withdraw(admitted.attempt());
      throw notChecked;
    }
    if (!right) {
      LOG.warn(
          "Failed sign-in: {} from address range {}{}",
          account.map(a -> "account " + a.id()).orElse("no such account"),
          ClientAddresses.rangeOf(address),
          admitted.trustedDevice() ? " (a device that signed in as it before)" : "");
      return new Refused();
    }
    if (!account.get().enabled()) {
      LOG.warn("Sign-in refused: account {} is disabled", account.get().id());
      return new Refused();
    }
    throttle.succeeded(admitted.attempt(), username, address, device);
    waitForTokensEnd(account.get().tokensValidAfter());
    return new SignedIn(authentication(account.get()), account.get());
  }

  /** A name that does not exist costs the same time as one that does. */
  private boolean burn(String password) {
    hasher.burnTime(password);
    return false;
  }

  static long seconds(Duration wait) {
    return Math.max(1, (wait.toMillis() + 999) / 1000);
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
}
