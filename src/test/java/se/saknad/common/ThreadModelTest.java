package se.saknad.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.scheduling.executor.ThreadSelection;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import jakarta.inject.Named;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import se.saknad.support.ApiTest;

/**
 * The thread model (README, "Threads"): no handler runs on Netty's event loop. Every route is
 * dispatched to the bounded request pool, and handlers that block for a long time leave /health and
 * other users' reads answering.
 */
@MicronautTest(transactional = false)
@Property(name = "saknad.test.slow-handlers", value = "true")
class ThreadModelTest extends ApiTest {
  @Inject Router router;
  @Inject HttpServerConfiguration server;
  @Inject EmbeddedServer embedded;

  @Inject
  @Named(RequestThreads.REQUESTS)
  ExecutorService requests;

  @Test
  void everyRouteIsDispatchedToTheRequestPool() {
    assertEquals(ThreadSelection.BLOCKING, server.getThreadSelection());
    List<String> elsewhere = new ArrayList<>();
    router
        .uriRoutes()
        .forEach(
            route -> {
              if (route.getExecutor(server.getThreadSelection()) != requests) {
                elsewhere.add(route.getHttpMethodName() + " " + route.getUriMatchTemplate());
              }
            });
    assertEquals(List.of(), elsewhere, "routes that would run on another thread");
    assertTrue(router.uriRoutes().count() > 50, "the service's routes were seen");
  }

  @Test
  void aHandlerRunsOnARequestThreadNotTheEventLoop() {
    String thread = http().retrieve("/test/slow/thread");
    assertTrue(thread.startsWith(RequestThreads.THREAD_PREFIX + "-"), thread);
  }

  @Test
  void slowHandlersDoNotDelayHealthOrAnotherUsersRead() throws Exception {
    String coordinator = aUser().coordinator().create();
    HttpClient separate = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String base = embedded.getURL().toString();
    // More blocked handlers than the event loop has threads (two per core): on the loop, these
    // alone would hold every one of them.
    int blocked = 4 * Runtime.getRuntime().availableProcessors() + 4;
    SlowHandlers.release = new CountDownLatch(1);
    SlowHandlers.ENTERED.drainPermits();
    List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
    try {
      for (int i = 0; i < blocked; i++) {
        // each on a connection of its own, as separate browsers would be
        slow.add(
            HttpClient.newHttpClient()
                .sendAsync(
                    HttpRequest.newBuilder(URI.create(base + "/test/slow/block")).build(),
                    BodyHandlers.ofString()));
      }
      assertTrue(
          SlowHandlers.ENTERED.tryAcquire(blocked, 30, TimeUnit.SECONDS),
          "every slow handler is running at once");
      HttpResponse<String> health =
          separate.send(
              HttpRequest.newBuilder(URI.create(base + "/health"))
                  .timeout(Duration.ofSeconds(20))
                  .build(),
              BodyHandlers.ofString());
      assertEquals(200, health.statusCode());
      HttpResponse<String> cases =
          separate.send(
              HttpRequest.newBuilder(URI.create(base + "/api/v1/cases?status=MISSING"))
                  .header("Authorization", "Bearer " + coordinator)
                  .timeout(Duration.ofSeconds(20))
                  .build(),
              BodyHandlers.ofString());
      assertEquals(200, cases.statusCode());
      assertTrue(slow.stream().noneMatch(CompletableFuture::isDone), "still blocked meanwhile");
    } finally {
      SlowHandlers.release.countDown();
    }
    for (CompletableFuture<HttpResponse<String>> answer : slow) {
      assertEquals("released", answer.get(30, TimeUnit.SECONDS).body());
    }
  }
}
