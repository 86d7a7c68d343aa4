package se.saknad.messaging.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.transaction.annotation.TransactionalEventListener;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The histograms of how fast an alert travels: report to the first message the provider accepted, a
 * message sent to its delivered status callback, and an alert to its acknowledgement by recipient
 * kind. Buckets are fixed (the targets and the escalation steps fall on bucket bounds), so that
 * every instance exports the same ones and Prometheus can add them up. Observations are recorded
 * after the change they measure has committed: a rolled-back acknowledgement, tried again by the
 * provider, is counted once.
 */
@Singleton
public class AlertTimings {
  private static final Duration[] SEND_BUCKETS =
      seconds(0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300);

  private static final Duration[] DELIVERY_BUCKETS =
      seconds(0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900, 3600);

  private static final Duration[] ACKNOWLEDGEMENT_BUCKETS =
      seconds(30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400);

  /**
   * An acknowledgement of a recipient's alert, {@code sinceAlert} after the first one reached it.
   */
  public record Acknowledged(String recipientKind, Duration sinceAlert) {}

  private final MeterRegistry meters;
  private final Timer firstSend;
  private final Timer delivered;

  AlertTimings(MeterRegistry meters) {
    this.meters = meters;
    this.firstSend =
        Timer.builder("saknad.alert.first.send")
            .description("From a report to the first message of its alert accepted by the provider")
            .serviceLevelObjectives(SEND_BUCKETS)
            .register(meters);
    this.delivered =
        Timer.builder("saknad.sms.delivered")
            .description("From a message accepted by the provider to its delivered status callback")
            .serviceLevelObjectives(DELIVERY_BUCKETS)
            .register(meters);
  }

  void firstSend(Duration sinceReport) {
    firstSend.record(sinceReport);
  }

  public void delivered(Duration sinceSent) {
    delivered.record(sinceSent);
  }

  @TransactionalEventListener(TransactionalEventListener.TransactionPhase.AFTER_COMMIT)
  void onAcknowledged(Acknowledged event) {
    Timer.builder("saknad.alert.acknowledgement")
        .description("From the first alert that reached a recipient to its acknowledgement")
        .tag("kind", event.recipientKind())
        .serviceLevelObjectives(ACKNOWLEDGEMENT_BUCKETS)
        .register(meters)
        .record(event.sinceAlert());
  }

  private static Duration[] seconds(double... bounds) {
    Duration[] durations = new Duration[bounds.length];
    for (int i = 0; i < bounds.length; i++) {
      durations[i] = Duration.ofMillis(Math.round(bounds[i] * 1000));
    }
    return durations;
  }
}
