package se.saknad.messaging.outbox;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import se.saknad.messaging.provider.SmsGateway;

/**
 * A gateway that fails the way the JVM fails, not the way a provider does: while told to, a send
 * throws an {@link OutOfMemoryError} (as decoding or a runaway buffer would) or hangs. Otherwise it
 * takes every message. Only where a test sets saknad.test.gateway=failing.
 */
@Singleton
@Replaces(SmsGateway.class)
@Requires(property = "saknad.test.gateway", value = "failing")
class FailingGateway implements SmsGateway {
  enum Mode {
    WORK,
    DIE,
    HANG
  }

  final AtomicReference<Mode> mode = new AtomicReference<>(Mode.WORK);
  final AtomicInteger accepted = new AtomicInteger();
  private volatile CountDownLatch release = new CountDownLatch(1);

  void become(Mode next) {
    if (next == Mode.HANG) {
      release = new CountDownLatch(1);
    }
    mode.set(next);
    if (next != Mode.HANG) {
      release.countDown();
    }
  }

  @Override
  public Result send(String to, String body, String statusCallbackUrl) {
    switch (mode.get()) {
      case DIE -> throw new OutOfMemoryError("simulated: the heap ran out while sending");
      case HANG -> {
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      default -> {}
    }
    accepted.incrementAndGet();
    return new Accepted("SMfail" + UUID.randomUUID().toString().replace("-", ""), "queued");
  }

  @Override
  public Result call(String to, String text, String gatherUrl, String statusCallbackUrl) {
    return send(to, text, statusCallbackUrl);
  }

  @Override
  public Erasure erase(String sid) {
    return new Erased();
  }
}
