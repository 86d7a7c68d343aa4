package se.saknad.acknowledgements;

import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import se.saknad.audit.AuditTrail;
import se.saknad.common.Db;
import se.saknad.messaging.outbox.AlertTimings;
import se.saknad.messaging.outbox.DeliveryStates;
import se.saknad.security.Caller;

/**
 * What an acknowledgement does, whichever way it arrives: the acknowledged deliveries are marked,
 * the recipient's escalation stops (one answer from any contact is enough; calls not yet placed are
 * withdrawn), and the acknowledgement is kept with its channel and written to the audit trail.
 */
@Singleton
public class AcknowledgementEffect {
  public enum Channel {
    SMS,
    WEB,
    VOICE,
    /** Typed into the embedded default's SMS sandbox by a signed-in person, as the phone. */
    SANDBOX
  }

  private final Db db;
  private final Clock clock;
  private final AuditTrail audit;
  private final ApplicationEventPublisher<AlertTimings.Acknowledged> timings;
  private final DeliveryStates deliveries;

  AcknowledgementEffect(
      Db db,
      Clock clock,
      AuditTrail audit,
      ApplicationEventPublisher<AlertTimings.Acknowledged> timings,
      DeliveryStates deliveries) {
    this.deliveries = deliveries;
    this.db = db;
    this.clock = clock;
    this.audit = audit;
    this.timings = timings;
  }

  /**
   * {@code phone} names the contact that answered (an SMS reply); null acknowledges every delivery
   * of the recipient (the web, where a person speaks for the recipient). {@code caller} is null for
   * a phone, and the person who typed the reply in the sandbox.
   */
  void apply(
      UUID caseId,
      UUID childId,
      UUID recipientId,
      String phone,
      Channel channel,
      Caller caller,
      String endpoint) {
    Instant now = clock.instant();
    List<DeliveryStates.Acknowledged> marked =
        deliveries.acknowledge(caseId, phone, recipientId, now);
    // Alert -> acknowledgement: from the first alert that reached the recipient, once.
    marked.stream()
        .filter(DeliveryStates.Acknowledged::first)
        .min(Comparator.comparing(DeliveryStates.Acknowledged::queuedAt))
        .ifPresent(
            m ->
                timings.publishEvent(
                    new AlertTimings.Acknowledged(
                        m.recipientKind(), Duration.between(m.queuedAt(), now))));
    if (recipientId != null) {
      deliveries.stopChasing(caseId, recipientId, now);
    }
    db.update(
        "INSERT INTO acknowledgement (case_id, recipient_id, channel, user_id, at)"
            + " VALUES (?, ?, ?, ?, ?)",
        caseId,
        recipientId,
        channel,
        caller == null ? null : caller.userId(),
        now);
    audit.record(caller, "ALERT_ACKNOWLEDGED_" + channel, childId, caseId, endpoint);
  }
}
