package se.saknad.messaging.outbox;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.reactivestreams.Publisher;

/**
 * The {@code outbox} component of /health: DOWN when a delivery has been due for longer than
 * saknad.sms.outbox-stalled-after without being claimed while the provider answers, which no
 * working dispatcher on any instance allows (each claims what is due within its poll). While the
 * provider is down deliveries wait by design, and the sms component says so instead.
 */
@Singleton
class OutboxHealthIndicator implements HealthIndicator {
  static final String NAME = "outbox";

  private final OutboxGauges gauges;
  private final ProviderHealth provider;
  private final Duration stalledAfter;

  OutboxHealthIndicator(
      OutboxGauges gauges,
      ProviderHealth provider,
      @Value("${saknad.sms.outbox-stalled-after:5m}") Duration stalledAfter) {
    this.gauges = gauges;
    this.provider = provider;
    this.stalledAfter = stalledAfter;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    Optional<Duration> waiting = gauges.dueWaiting();
    // Unread (the database has its own component) or held back by a provider outage: not stalled.
    boolean stalled =
        provider.up() && waiting.map(w -> w.compareTo(stalledAfter) > 0).orElse(false);
    return Publishers.just(
        HealthResult.builder(NAME, stalled ? HealthStatus.DOWN : HealthStatus.UP)
            .details(
                Map.of(
                    "oldestDueWaitingSeconds",
                    waiting.map(w -> (Object) w.toSeconds()).orElse("unknown")))
            .build());
  }
}
