package se.saknad.messaging.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import se.saknad.common.GaugeReading;

/**
 * Gauges of the outbox as the database holds it, so every instance reports the same numbers:
 * deliveries by state, what waits for the provider and for how long, and recipients of open cases
 * past their escalation time without an acknowledgement. The queries run at most once per
 * saknad.metrics.gauge-refresh (see {@link GaugeReading}).
 */
@Singleton
class OutboxGauges implements ApplicationEventListener<StartupEvent> {
  static final List<String> STATES =
      List.of(
          "QUEUED",
          "SENDING",
          "SENT",
          "DELIVERED",
          "ACKNOWLEDGED",
          "FAILED",
          "UNDELIVERED",
          "WITHDRAWN");

  /** The recipient kinds whose alerts can require an acknowledgement. */
  static final List<String> ACKNOWLEDGING_KINDS =
      List.of("POLICE", "SOCIAL_SERVICES", "SHELTER", "MIGRATION_AGENCY", "OTHER");

  private record Counts(
      Map<String, Long> byState,
      Outbox.Waiting waiting,
      Optional<Instant> oldestWaiting,
      Optional<Instant> oldestDue,
      Map<String, Long> pastEscalation) {}

  private final Outbox outbox;
  private final MeterRegistry meters;
  private final Clock clock;
  private final GaugeReading<Counts> counts;

  OutboxGauges(
      Outbox outbox,
      MeterRegistry meters,
      Clock clock,
      @Value("${saknad.metrics.gauge-refresh:10s}") Duration refresh) {
    this.outbox = outbox;
    this.meters = meters;
    this.clock = clock;
    this.counts = new GaugeReading<>(refresh, "Outbox gauges", this::read);
  }

  @Override
  public void onApplicationEvent(StartupEvent event) {
    for (String state : STATES) {
      gauge(
          "saknad.sms.deliveries",
          "Deliveries in the outbox by state",
          c -> c.byState().getOrDefault(state, 0L),
          "state",
          state);
    }
    gauge(
        "saknad.sms.backlog",
        "Alert messages queued or being sent",
        c -> c.waiting().alerts(),
        "kind",
        "alert");
    gauge(
        "saknad.sms.backlog",
        "Coordinator notices queued or being sent",
        c -> c.waiting().notices(),
        "kind",
        "notice");
    gauge(
        "saknad.sms.backlog",
        "Other messages (reminders, referrals) queued or being sent",
        c -> c.waiting().all() - c.waiting().alerts() - c.waiting().notices(),
        "kind",
        "other");
    Gauge.builder(
            "saknad.sms.backlog.oldest",
            this,
            g ->
                g.current()
                    .map(
                        c ->
                            c.oldestWaiting()
                                .map(t -> Duration.between(t, clock.instant()).toMillis() / 1000.0)
                                .orElse(0.0))
                    .orElse(Double.NaN))
        .description("Seconds the oldest message still waiting for the provider has waited")
        .baseUnit("seconds")
        .register(meters);
    Gauge.builder(
            "saknad.sms.outbox.due.oldest",
            this,
            g -> g.dueWaiting().map(d -> d.toMillis() / 1000.0).orElse(Double.NaN))
        .description(
            "Seconds the oldest delivery that is due has waited to be claimed (0: none is due)")
        .baseUnit("seconds")
        .register(meters);
    for (String kind : ACKNOWLEDGING_KINDS) {
      gauge(
          "saknad.alert.unacknowledged.past.escalation",
          "Recipients of open cases owing an acknowledgement past their escalation time",
          c -> c.pastEscalation().getOrDefault(kind, 0L),
          "kind",
          kind);
    }
  }

  private void gauge(
      String name,
      String description,
      ToDoubleFunction<Counts> value,
      String tag,
      String tagValue) {
    Gauge.builder(name, this, g -> g.current().map(value::applyAsDouble).orElse(Double.NaN))
        .description(description)
        .tag(tag, tagValue)
        .register(meters);
  }

  /**
   * How long the oldest due delivery has waited to be claimed (zero when none is due); empty when
   * the outbox could not be read.
   */
  Optional<Duration> dueWaiting() {
    return current()
        .map(
            c ->
                c.oldestDue()
                    .map(t -> Duration.between(t, clock.instant()))
                    .filter(d -> !d.isNegative())
                    .orElse(Duration.ZERO));
  }

  private Optional<Counts> current() {
    return counts.get();
  }

  private Counts read() {
    return new Counts(
        outbox.countsByState(),
        outbox.waiting(),
        outbox.oldestWaiting(),
        outbox.oldestDue(),
        outbox.unacknowledgedPastEscalation());
  }
}
