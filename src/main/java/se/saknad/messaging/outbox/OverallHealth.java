package se.saknad.messaging.outbox;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.aggregator.DefaultHealthAggregator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.runtime.ApplicationConfiguration;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The overall status of /health leaves the SMS provider out: an outage at the provider is the sms
 * component's DOWN, while /health stays UP (200) as long as the service itself works, because it
 * still takes reports and queues their alerts and a load balancer must keep sending it traffic.
 */
@Singleton
@Replaces(DefaultHealthAggregator.class)
class OverallHealth extends DefaultHealthAggregator {
  OverallHealth(ApplicationConfiguration configuration) {
    super(configuration);
  }

  @Override
  protected HealthStatus calculateOverallStatus(List<HealthResult> results) {
    return super.calculateOverallStatus(
        results.stream()
            .filter(r -> !SmsProviderHealthIndicator.NAME.equals(r.getName()))
            .toList());
  }
}
