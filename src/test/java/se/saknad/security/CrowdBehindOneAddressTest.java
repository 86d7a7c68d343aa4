package se.saknad.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import se.saknad.support.ApiTest;
import se.saknad.support.Json;

/**
 * A crowd behind one address (a police station's NAT, a municipality's proxy) cannot keep an
 * officer out: after 150 failed sign-ins with names that do not exist, from that address, the right
 * password from the same address gets in within 15 seconds. The address limits are the defaults
 * here (100 free failures, 10 s at most), not the test profile's.
 */
@MicronautTest(transactional = false)
@Property(name = "saknad.login.trusted-proxies", value = "127.0.0.1/32")
@Property(name = "saknad.login.address-free-failures", value = "100")
@Property(name = "saknad.login.address-max-delay", value = "10s")
class CrowdBehindOneAddressTest extends ApiTest {
  private static final String STATION = "198.51.100.150";

  private HttpResponse<String> signIn(String username, String password) {
    return as(null)
        .exchange(
            HttpRequest.POST("/login", Map.of("username", username, "password", password))
                .header("X-Forwarded-For", STATION));
  }

  @Test
  void theRightPasswordGetsInWithinSecondsAfter150FailuresFromTheSameAddress() throws Exception {
    String officer = "polis-" + UUID.randomUUID().toString().substring(0, 8);
    personal(officer);
    as(adminToken())
        .post(
            "/api/v1/users",
            Map.of(
                "username",
                officer,
                "password",
                PASSWORD,
                "role",
                "POLICE",
                "policeRegion",
                "SYD"));
    ExecutorService crowd = Executors.newFixedThreadPool(6);
    List<Future<Integer>> answers = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      answers.add(
          crowd.submit(
              () -> {
                try {
                  signIn("finns-inte-" + UUID.randomUUID(), "Sommarlov2026!");
                  return 200;
                } catch (HttpClientResponseException e) {
                  return e.getStatus().getCode();
                }
              }));
    }
    int failed = 0;
    for (Future<Integer> answer : answers) {
      int status = answer.get();
      assertTrue(List.of(401, 429, 503).contains(status), "answered " + status);
      failed += status == 401 ? 1 : 0;
    }
    crowd.shutdown();
    assertTrue(failed >= 100, failed + " of them were checked and failed");

    long started = System.nanoTime();
    String token = null;
    while (token == null) {
      try {
        token = Json.parse(signIn(officer, PASSWORD).body()).string("access_token");
      } catch (HttpClientResponseException slowed) {
        assertEquals(429, slowed.getStatus().getCode());
        long wait = Long.parseLong(slowed.getResponse().getHeaders().get("Retry-After"));
        assertTrue(wait <= 10, "an address never waits more than 10 s, not " + wait);
        Thread.sleep(wait * 1000);
      }
    }
    assertNotNull(token);
    double seconds = (System.nanoTime() - started) / 1e9;
    assertTrue(seconds <= 15, "signed in after " + seconds + " s");
  }
}
