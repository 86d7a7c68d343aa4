package se.saknad.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import org.junit.jupiter.api.Test;
import se.saknad.support.ApiTest;
import se.saknad.support.Json;

/**
 * Password hashing has a small pool of its own with a short queue: while it is saturated a sign-in
 * is answered 503 with Retry-After at once, and everything that hashes nothing answers as usual.
 */
@MicronautTest(transactional = false)
@Property(name = "saknad.hashing.threads", value = "1")
@Property(name = "saknad.hashing.queue", value = "1")
class PasswordHashingPoolTest extends ApiTest {
  @Inject PasswordHasher hasher;

  @Test
  void aSaturatedHashingPoolAnswers503AndDelaysNothingElse() throws Exception {
    String coordinator = aUser().coordinator().create();
    long failuresBefore = adminFailures();
    ThreadPoolExecutor pool = hasher.pool();
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch running = new CountDownLatch(1);
    // one hash running for a long time, one waiting: the pool and its queue are full
    pool.execute(
        () -> {
          running.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    running.await();
    pool.execute(() -> {});
    try {
      HttpClientResponseException busy =
          org.junit.jupiter.api.Assertions.assertThrows(
              HttpClientResponseException.class, () -> login("admin", ADMIN_PASSWORD));
      assertEquals(503, busy.getStatus().getCode());
      assertEquals("2", busy.getResponse().getHeaders().get("Retry-After"));
      Json problem = Json.parse(busy.getResponse().getBody(String.class).orElseThrow());
      assertEquals("urn:saknad:problem:hashing-busy", problem.string("type"));

      HttpResponse<String> health = as(null).exchange(HttpRequest.GET("/health"));
      assertEquals(200, health.code());
      assertTrue(
          as(coordinator).exchange(HttpRequest.GET("/api/v1/cases?status=MISSING")).code() == 200);
    } finally {
      release.countDown();
    }
    // The refused attempt was never checked, so it is not counted as a failure either.
    assertEquals(failuresBefore, adminFailures());
    assertTrue(login("admin", ADMIN_PASSWORD) != null);
  }

  private long adminFailures() {
    return ((Number)
            column("SELECT count(*) FROM login_failure WHERE lower(username) = 'admin'").get(0))
        .longValue();
  }
}
