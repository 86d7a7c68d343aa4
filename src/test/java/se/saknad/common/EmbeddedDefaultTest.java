package se.saknad.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The embedded default (bin/run) has published demo passwords: it listens on the loopback address
 * only, unless told otherwise (MICRONAUT_SERVER_HOST); a real installation's listening address is
 * its own choice.
 */
class EmbeddedDefaultTest {
  private static Optional<String> host(Map<String, Object> told, String... environments) {
    try (ApplicationContext context =
        ApplicationContext.builder()
            .deduceEnvironment(false)
            .environments(environments)
            .properties(told)
            .build()) {
      Environment environment = context.getEnvironment().start();
      return environment.getProperty("micronaut.server.host", String.class);
    }
  }

  @Test
  void theEmbeddedDefaultListensOnTheLoopbackAddressOnly() {
    assertEquals(Optional.of("127.0.0.1"), host(Map.of(), "embedded"));
  }

  @Test
  void itListensElsewhereOnlyWhenToldTo() {
    assertEquals(
        Optional.of("0.0.0.0"), host(Map.of("micronaut.server.host", "0.0.0.0"), "embedded"));
    assertEquals(Optional.empty(), host(Map.of()));
  }
}
