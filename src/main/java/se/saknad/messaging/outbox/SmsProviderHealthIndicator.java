package se.saknad.messaging.outbox;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * The {@code sms} component of /health: DOWN while the provider does not answer, with since when
 * and how much waits. It does not take the service's overall status down: reports are still taken
 * and queued, so a load balancer must keep sending traffic (see OverallHealth).
 */
@Singleton
class SmsProviderHealthIndicator implements HealthIndicator {
  static final String NAME = "sms";

  private final ProviderHealth health;
  private final Outbox outbox;

  SmsProviderHealthIndicator(ProviderHealth health, Outbox outbox) {
    this.health = health;
    this.outbox = outbox;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    ProviderHealth.Snapshot now = health.snapshot();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("provider", now.state().name());
    if (now.failingSince() != null) {
      details.put("failingSince", now.failingSince().toString());
    }
    try {
      details.put("waiting", outbox.waiting().all());
    } catch (RuntimeException e) {
      // The database has its own component; the provider's state is still worth reporting.
    }
    return Publishers.just(
        HealthResult.builder(
                NAME, now.state() == ProviderHealth.State.UP ? HealthStatus.UP : HealthStatus.DOWN)
            .details(details)
            .build());
  }
}
