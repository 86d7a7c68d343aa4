package se.saknad.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.saknad.support.ApiTest;
import se.saknad.support.CapturedLog;
import se.saknad.support.Json;

/**
 * Sign-in throttling slows guessing down and locks nobody out: one address guessing one account's
 * password waits longer and longer, one address spraying many accounts waits seconds, an account
 * guessed at from everywhere waits a minute at most, and a browser that has signed in as the user
 * before is slowed by nothing but its own failures. The test client is the trusted proxy: the
 * client address is the right-most entry of X-Forwarded-For.
 */
@MicronautTest(transactional = false)
@Property(name = "saknad.login.trusted-proxies", value = "127.0.0.1/32")
@Property(name = "saknad.login.address-free-failures", value = "8")
@Property(name = "saknad.login.account-free-failures", value = "15")
class SignInThrottlingTest extends ApiTest {

  @Inject SignInFailureGauges gauges;

  private String admin;

  private String account() {
    String username = "polis-" + UUID.randomUUID().toString().substring(0, 8);
    personal(username);
    if (admin == null) {
      // from an address of its own: earlier tests' failures from this machine do not count here
      admin = token(signIn("admin", ADMIN_PASSWORD, "198.51.100.200", null));
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

  /** Signs in from {@code address}, with the device cookie {@code device} when not null. */
  private HttpResponse<String> signIn(
      String username, String password, String address, String device) {
    MutableHttpRequest<?> request =
        HttpRequest.POST("/login", Map.of("username", username, "password", password))
            .header("X-Forwarded-For", "10.9.8.7, " + address);
    if (device != null) {
      request.cookie(Cookie.of(DeviceCookies.NAME, device));
    }
    return as(null).exchange(request);
  }

  private static String token(HttpResponse<String> answer) {
    return Json.parse(answer.body()).string("access_token");
  }

  private static String deviceCookie(HttpResponse<String> answer) {
    return answer.getCookie(DeviceCookies.NAME).orElseThrow().getValue();
  }

  /** A refused sign-in: 429 with Retry-After, which equals the problem's retryAfterSeconds. */
  private long slowed(Runnable call) {
    HttpClientResponseException refused =
        org.junit.jupiter.api.Assertions.assertThrows(HttpClientResponseException.class, call::run);
    assertEquals(429, refused.getStatus().getCode(), refused.getMessage());
    Json problem = Json.parse(refused.getResponse().getBody(String.class).orElseThrow());
    assertEquals("urn:saknad:problem:sign-in-throttled", problem.string("type"));
    String header = refused.getResponse().getHeaders().get("Retry-After");
    assertNotNull(header, "every 429 carries Retry-After");
    assertEquals(problem.number("retryAfterSeconds"), Long.parseLong(header));
    return Long.parseLong(header);
  }

  private void fail(String username, String address) {
    try {
      signIn(username, "gissat lösenord", address, null);
    } catch (HttpClientResponseException refusedOrSlowed) {
      assertTrue(List.of(401, 429).contains(refusedOrSlowed.getStatus().getCode()));
    }
  }

  @Test
  void aStrangersFailuresNeverKeepTheRightPasswordOutFromAnotherAddress() {
    String officer = account();
    for (int i = 0; i < 12; i++) {
      fail(officer, "203.0.113.7");
    }
    assertNotNull(token(signIn(officer, PASSWORD, "198.51.100.4", null)));
  }

  @Test
  void repeatedFailuresFromOneAddressSlowItDownRatherThanLockTheAccount() throws Exception {
    String officer = account();
    for (int i = 0; i < 5; i++) {
      problemOf(401, () -> signIn(officer, "gissat lösenord", "203.0.113.8", null));
    }
    long wait = slowed(() -> signIn(officer, PASSWORD, "203.0.113.8", null));
    assertTrue(wait >= 1 && wait <= 2, "waits " + wait);
    Thread.sleep(wait * 1000 + 200);
    assertNotNull(token(signIn(officer, PASSWORD, "203.0.113.8", null)));
  }

  @Test
  void namesWrittenLeftOfTheProxysEntryDoNotEscapeTheThrottle() {
    String officer = account();
    for (int i = 0; i < 5; i++) {
      String spoofed = "192.0.2." + i;
      problemOf(
          401,
          () ->
              as(null)
                  .exchange(
                      HttpRequest.POST(
                              "/login", Map.of("username", officer, "password", "gissat lösenord"))
                          .header("X-Forwarded-For", spoofed + ", 203.0.113.60")));
    }
    slowed(
        () ->
            as(null)
                .exchange(
                    HttpRequest.POST("/login", Map.of("username", officer, "password", PASSWORD))
                        .header("X-Forwarded-For", "192.0.2.99, 203.0.113.60")));
  }

  @Test
  void oneAddressSprayingManyAccountsIsSlowedForSecondsNotStopped() throws Exception {
    for (int i = 0; i < 8; i++) {
      String victim = i % 2 == 0 ? account() : "finns-inte-" + UUID.randomUUID();
      problemOf(401, () -> signIn(victim, "Sommarlov2026!", "192.0.2.55", null));
    }
    String next = account();
    long wait = slowed(() -> signIn(next, PASSWORD, "192.0.2.55", null));
    assertTrue(wait >= 1 && wait <= 10, "an address waits 10 s at most, not " + wait);
    assertNotNull(token(signIn(next, PASSWORD, "192.0.2.56", null)));
    Thread.sleep(wait * 1000 + 200);
    assertNotNull(token(signIn(next, PASSWORD, "192.0.2.55", null)));

    // The operator is told once, with the range and the number of accounts, and no name.
    List<String> told =
        CapturedLog.lines().stream()
            .filter(l -> l.contains("Sign-ins slowed: an address in range 192.0.2.0/24"))
            .toList();
    assertEquals(1, told.size(), told.toString());
    assertTrue(told.get(0).contains("failed 8 times on 8 account(s)"), told.get(0));
    assertFalse(told.get(0).contains("192.0.2.55"), "the range, not the address");
  }

  @Test
  void aBrowserThatSignedInBeforeIsNotSlowedByItsAddress() {
    String officer = account();
    String device = deviceCookie(signIn(officer, PASSWORD, "198.51.100.20", null));
    // The police station's other users, or strangers behind its NAT, fail on other names.
    for (int i = 0; i < 12; i++) {
      fail("finns-inte-" + UUID.randomUUID(), "198.51.100.20");
    }
    slowed(() -> signIn(officer, PASSWORD, "198.51.100.20", null));
    HttpResponse<String> known = signIn(officer, PASSWORD, "198.51.100.20", device);
    assertNotNull(token(known));
    assertEquals(device, deviceCookie(known), "the same device, its lifetime renewed");
    Cookie issued = known.getCookie(DeviceCookies.NAME).orElseThrow();
    assertTrue(issued.isHttpOnly(), "scripts cannot read it");
    assertEquals("/login", issued.getPath());
  }

  @Test
  void aDeviceCookieSpeaksOnlyForItsOwnAccountAndOnlyWhenSignedByUs() {
    String officer = account();
    String other = account();
    String device = deviceCookie(signIn(officer, PASSWORD, "198.51.100.21", null));
    for (int i = 0; i < 12; i++) {
      fail("finns-inte-" + UUID.randomUUID(), "198.51.100.21");
    }
    slowed(() -> signIn(other, PASSWORD, "198.51.100.21", device));
    char last = device.charAt(device.length() - 1);
    String forged = device.substring(0, device.length() - 1) + (last == 'A' ? 'B' : 'A');
    slowed(() -> signIn(officer, PASSWORD, "198.51.100.21", forged));
    slowed(() -> signIn(officer, PASSWORD, "198.51.100.21", "v1.garbage.garbage"));
    assertNotNull(token(signIn(officer, PASSWORD, "198.51.100.21", device)));
  }

  @Test
  void aDeviceThatKeepsGuessingIsThrottledLikeAnyOther() {
    String officer = account();
    String device = deviceCookie(signIn(officer, PASSWORD, "198.51.100.22", null));
    for (int i = 0; i < 5; i++) {
      problemOf(401, () -> signIn(officer, "gissat lösenord", "198.51.100.22", device));
    }
    slowed(() -> signIn(officer, PASSWORD, "198.51.100.22", device));
  }

  @Test
  void guessingFromEverywhereSlowsTheAccountDownButNotOnItsOwnDevices() {
    String officer = account();
    String device = deviceCookie(signIn(officer, PASSWORD, "198.51.100.23", null));
    for (int i = 0; i < 15; i++) {
      fail(officer, "100.64." + i + ".9");
    }
    long wait = slowed(() -> signIn(officer, PASSWORD, "100.65.0.1", null));
    assertTrue(wait <= 60, "an account waits a minute at most, not " + wait);
    assertNotNull(token(signIn(officer, PASSWORD, "100.65.0.2", device)));
  }

  @Test
  void wrongCurrentPasswordsOnThePasswordChangeAreFailedSignIns() {
    String officer = account();
    String session = token(signIn(officer, PASSWORD, "198.51.100.24", null));
    int refused = 0;
    long wait = -1;
    for (int i = 0; i < 30 && wait < 0; i++) {
      try {
        as(session)
            .exchange(
                HttpRequest.PUT(
                        "/api/v1/users/me/password",
                        Map.of("currentPassword", "gissat " + i, "newPassword", "ett nytt lösen 1"))
                    .header("X-Forwarded-For", "198.51.100.24"));
      } catch (HttpClientResponseException e) {
        if (e.getStatus().getCode() == 422) {
          refused++;
        } else {
          wait =
              slowed(
                  () -> {
                    throw e;
                  });
        }
      }
    }
    assertEquals(5, refused, "five free failures, then slowed");
    assertTrue(wait >= 1, "429 with Retry-After");
    // They were failures of the account: a sign-in from the same address waits too.
    slowed(() -> signIn(officer, PASSWORD, "198.51.100.24", null));
  }

  @Test
  void failuresPastTheWindowAreForgottenAndTheRestCountedByRange() {
    account();
    sql(
        "INSERT INTO login_failure (username, client_address, address_range, failed_at)"
            + " VALUES ('gammal-gissning', '198.18.7.1', '198.18.7.0/24', now() - interval '1 hour')");
    // a spraying botnet's range, the busiest of the window
    sql(
        "INSERT INTO login_failure (username, client_address, address_range, failed_at)"
            + " SELECT 'konto-' || (i % 7), '198.18.9.' || (i % 200 + 1), '198.18.9.0/24', now()"
            + " FROM generate_series(1, 5000) i");
    gauges.refresh();
    assertEquals(
        0L,
        ((Number)
                column("SELECT count(*) FROM login_failure WHERE username = 'gammal-gissning'")
                    .get(0))
            .longValue());
    assertEquals(
        new LoginThrottle.RangeFailures("198.18.9.0/24", 5000, 7), gauges.lastRead().get(0));
    String scrape = as(admin).exchange(HttpRequest.GET("/prometheus")).body();
    assertTrue(
        scrape
            .lines()
            .anyMatch(
                l ->
                    l.matches(
                        "saknad_sign_in_failures\\{.*address_range=\"198\\.18\\.9\\.0/24\".*} 5000(\\.0)?")),
        scrape);
    assertTrue(
        scrape
            .lines()
            .anyMatch(
                l ->
                    l.matches(
                        "saknad_sign_in_failure_accounts\\{.*address_range=\"198\\.18\\.9\\.0/24\".*} 7(\\.0)?")),
        scrape);
    sql("DELETE FROM login_failure WHERE address_range = '198.18.9.0/24'");
  }
}
