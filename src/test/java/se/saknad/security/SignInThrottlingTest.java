package se.saknad.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.saknad.support.ApiTest;
import se.saknad.support.Json;

/**
 * Sign-in throttling slows down one address guessing one account's password and stops one address
 * spraying many accounts, without letting a stranger keep the right password out elsewhere. The
 * client address comes from the trusted header configured here (a reverse proxy's).
 */
@MicronautTest(transactional = false)
@Property(name = "saknad.login.client-address-header", value = "X-Forwarded-For")
@Property(name = "saknad.login.address-max-failures", value = "8")
class SignInThrottlingTest extends ApiTest {

  private String admin;

  private String account() {
    String username = "polis-" + UUID.randomUUID().toString().substring(0, 8);
    if (admin == null) {
      // from an address of its own: earlier tests' failures from this machine do not count here
      admin = signIn("admin", ADMIN_PASSWORD, "198.51.100.200");
    }
    as(admin)
        .post(
            "/api/v1/users",
            Map.of(
                "username",
                username,
                "password",
                PASSWORD,
                "role",
                "POLICE",
                "policeRegion",
                "SYD"));
    return username;
  }

  private String signIn(String username, String password, String address) {
    return Json.parse(
            as(null)
                .exchange(
                    HttpRequest.POST("/login", Map.of("username", username, "password", password))
                        .header("X-Forwarded-For", "10.9.8.7, " + address))
                .body())
        .string("access_token");
  }

  @Test
  void aStrangersFailuresNeverKeepTheRightPasswordOutFromAnotherAddress() {
    String officer = account();
    for (int i = 0; i < 12; i++) {
      try {
        signIn(officer, "gissat lösenord " + i, "203.0.113.7");
      } catch (RuntimeException refusedOrSlowed) {
        // 401, then 429 once the stranger is slowed down
      }
    }
    assertNotNull(signIn(officer, PASSWORD, "198.51.100.4"));
  }

  @Test
  void repeatedFailuresFromOneAddressSlowItDownRatherThanLockTheAccount() throws Exception {
    String officer = account();
    for (int i = 0; i < 5; i++) {
      int attempt = i;
      problemOf(401, () -> signIn(officer, "gissat lösenord " + attempt, "203.0.113.8"));
    }
    Json slowed = problemOf(429, () -> signIn(officer, PASSWORD, "203.0.113.8"));
    assertEquals("urn:saknad:problem:sign-in-throttled", slowed.string("type"));
    long wait = slowed.number("retryAfterSeconds");
    assertTrue(wait >= 1 && wait <= 2, slowed.toString());
    Thread.sleep(wait * 1000 + 200);
    assertNotNull(signIn(officer, PASSWORD, "203.0.113.8"));
  }

  @Test
  void oneAddressSprayingManyAccountsIsStopped() {
    for (int i = 0; i < 8; i++) {
      String victim = i % 2 == 0 ? account() : "finns-inte-" + i;
      problemOf(401, () -> signIn(victim, "Sommarlov2026!", "192.0.2.55"));
    }
    String next = account();
    problemOf(429, () -> signIn(next, PASSWORD, "192.0.2.55"));
    assertNotNull(signIn(next, PASSWORD, "192.0.2.56"));
  }
}
