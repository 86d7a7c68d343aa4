package se.saknad.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for what the service does in the background (the dispatcher, the provider's stand-in): the
 * condition is checked every 25 ms until it holds, and the test fails when it has not held within
 * the time given.
 */
public final class Eventually {
  private static final Duration USUAL = Duration.ofSeconds(10);

  private Eventually() {}

  /** Waits up to ten seconds until {@code condition} holds. */
  public static void waitUntil(String what, BooleanSupplier condition) {
    waitUntil(what, USUAL, condition);
  }

  public static void waitUntil(String what, Duration within, BooleanSupplier condition) {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
