package se.saknad.debriefs;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import java.time.Duration;
import se.saknad.common.GaugeReading;

/**
 * The gauge of debriefs past their deadline (returned cases without a debrief after
 * saknad.debrief-within), counted nationally in the database.
 */
@Singleton
class DebriefGauges implements ApplicationEventListener<StartupEvent> {
  private final MeterRegistry meters;
  private final GaugeReading<Long> overdue;

  DebriefGauges(
      CasesAwaitingDebrief awaiting,
      MeterRegistry meters,
      @Value("${saknad.metrics.gauge-refresh:10s}") Duration refresh) {
    this.meters = meters;
    this.overdue = new GaugeReading<>(refresh, "Overdue debriefs", awaiting::overdueCount);
  }

  @Override
  public void onApplicationEvent(StartupEvent event) {
    Gauge.builder(
            "saknad.debriefs.overdue",
            overdue,
            o -> o.get().map(Long::doubleValue).orElse(Double.NaN))
        .description("Returned cases past their debrief deadline without a debrief")
        .register(meters);
  }
}
