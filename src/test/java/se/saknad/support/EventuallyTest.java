package se.saknad.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EventuallyTest {
  @Test
  void returnsOnceTheConditionHolds() {
    AtomicInteger checks = new AtomicInteger();
    Eventually.waitUntil("the third check", () -> checks.incrementAndGet() == 3);
    assertEquals(3, checks.get());
  }

  @Test
  void failsNamingWhatItWaitedForWhenTheTimeRunsOut() {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () -> Eventually.waitUntil("never", Duration.ofMillis(100), () -> false));
    assertEquals("timed out waiting until never", e.getMessage());
  }
}
