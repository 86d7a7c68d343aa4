package se.saknad.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import se.saknad.support.ApiTest;
import se.saknad.support.Json;

/**
 * The request pool is bounded: with every thread busy and the queue full, the next request is
 * answered at once, 503 problem+json with Retry-After, instead of joining an ever longer line.
 */
@MicronautTest(transactional = false)
@Property(name = "saknad.test.slow-handlers", value = "true")
@Property(name = "saknad.requests.threads", value = "2")
@Property(name = "saknad.requests.queue", value = "2")
class RequestPoolFullTest extends ApiTest {
  @Inject EmbeddedServer embedded;

  @Inject io.micrometer.core.instrument.MeterRegistry meters;

  @Test
  void aFullRequestPoolAnswers503WithRetryAfter() throws Exception {
    String base = embedded.getURL().toString();
    SlowHandlers.release = new CountDownLatch(1);
    SlowHandlers.ENTERED.drainPermits();
    List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        slow.add(
            HttpClient.newHttpClient()
                .sendAsync(
                    HttpRequest.newBuilder(URI.create(base + "/test/slow/block")).build(),
                    BodyHandlers.ofString()));
        if (i == 1) {
          // two running, then two queued behind them
          assertTrue(SlowHandlers.ENTERED.tryAcquire(2, 30, TimeUnit.SECONDS));
        }
      }
      // the pool's own metric (Micrometer's executor metrics, name=requests)
      var queued = meters.get("executor.queued").tag("name", RequestThreads.REQUESTS).gauge();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (queued.value() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertEquals(2.0, queued.value(), "two requests wait in the queue");
      HttpResponse<String> refused =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(5))
              .build()
              .send(
                  HttpRequest.newBuilder(URI.create(base + "/health"))
                      .timeout(Duration.ofSeconds(20))
                      .build(),
                  BodyHandlers.ofString());
      assertEquals(503, refused.statusCode(), refused.body());
      assertTrue(
          refused
              .headers()
              .firstValue("Content-Type")
              .orElse("")
              .startsWith("application/problem+json"));
      assertEquals("1", refused.headers().firstValue("Retry-After").orElse(null));
      Json problem = Json.parse(refused.body());
      assertEquals("urn:saknad:problem:busy", problem.string("type"));
      assertEquals(1L, problem.number("retryAfterSeconds"));
    } finally {
      SlowHandlers.release.countDown();
    }
    for (CompletableFuture<HttpResponse<String>> answer : slow) {
      assertEquals("released", answer.get(30, TimeUnit.SECONDS).body());
    }
  }
}
