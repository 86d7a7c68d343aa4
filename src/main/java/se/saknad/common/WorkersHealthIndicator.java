package se.saknad.common;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * The {@code workers} component of /health: DOWN while any background worker of this instance is
 * down (dead of an Error, failing again and again, stuck, or gone), which takes the overall status
 * down too: an instance that no longer sends alerts or escalates must be restarted or replaced.
 */
@Singleton
class WorkersHealthIndicator implements HealthIndicator {
  static final String NAME = "workers";

  private final Workers workers;

  WorkersHealthIndicator(Workers workers) {
    this.workers = workers;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    List<Workers.Status> all = workers.statuses();
    Map<String, Object> details = new LinkedHashMap<>();
    boolean up = true;
    for (Workers.Status s : all) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("state", s.state().name());
      if (s.failuresInARow() > 0) {
        one.put("failuresInARow", s.failuresInARow());
        one.put("lastFailure", s.lastFailure());
      }
      if (s.lastRoundEnded() != null) {
        one.put("lastRoundEnded", s.lastRoundEnded().toString());
      }
      details.put(s.name(), one);
      up &= s.up();
    }
    return Publishers.just(
        HealthResult.builder(NAME, up ? HealthStatus.UP : HealthStatus.DOWN)
            .details(details)
            .build());
  }
}
