package se.saknad.common;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Handlers that only the thread-model tests mount ({@code saknad.test.slow-handlers}): one that
 * blocks until the test lets it go, as a slow query or a large PDF would, and one that names the
 * thread it runs on.
 */
@Controller("/test/slow")
@Secured(SecurityRule.IS_ANONYMOUS)
@Requires(property = "saknad.test.slow-handlers", value = "true")
class SlowHandlers {
  static final Semaphore ENTERED = new Semaphore(0);
  static volatile CountDownLatch release = new CountDownLatch(1);

  @Get("/block")
  String block() throws InterruptedException {
    ENTERED.release();
    release.await(60, TimeUnit.SECONDS);
    return "released";
  }

  @Get("/thread")
  String thread() {
    return Thread.currentThread().getName();
  }
}
