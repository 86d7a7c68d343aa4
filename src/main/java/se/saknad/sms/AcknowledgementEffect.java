package se.saknad.sms;

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
import se.saknad.security.Caller;

/**
 * What an acknowledgement does, whichever way it arrives: the acknowledged deliveries are marked,
 * the recipient's escalation stops (one answer from any contact is enough; calls not yet placed are
 * withdrawn), and the acknowledgement is kept with its channel and written to the audit trail.
 */
@Singleton
class AcknowledgementEffect {
  enum Channel {
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

  AcknowledgementEffect(
      Db db,
      Clock clock,
      AuditTrail audit,
      ApplicationEventPublisher<AlertTimings.Acknowledged> timings) {
    this.db = db;
    this.clock = clock;
    this.audit = audit;
    this.timings = timings;
  }

  /** A delivery this acknowledgement marked; {@code first} when it had not been acknowledged. */
  private record Marked(String recipientKind, Instant queuedAt, boolean first) {}

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
    String marking =
        "UPDATE delivery SET status = 'ACKNOWLEDGED', acknowledged_at = coalesce(acknowledged_at, ?),"
            + " updated_at = ? WHERE case_id = ? AND %s = ? AND alert_id IS NOT NULL"
            + " RETURNING recipient_kind, created_at, acknowledged_at = ? AS first";
    List<Marked> marked =
        db.list(
            marking.formatted(phone != null ? "phone" : "recipient_id"),
            rs ->
                new Marked(
                    rs.getString("recipient_kind"),
                    Db.instant(rs, "created_at"),
                    rs.getBoolean("first")),
            now,
            now,
            caseId,
            phone != null ? phone : recipientId,
            now);
    // Alert -> acknowledgement: from the first alert that reached the recipient, once.
    marked.stream()
        .filter(Marked::first)
        .min(Comparator.comparing(Marked::queuedAt))
        .ifPresent(
            m ->
                timings.publishEvent(
                    new AlertTimings.Acknowledged(
                        m.recipientKind(), Duration.between(m.queuedAt(), now))));
    if (recipientId != null) {
      db.update(
          "UPDATE delivery SET ack_required = false, updated_at = ? WHERE case_id = ? AND recipient_id = ?",
          now,
          caseId,
          recipientId);
      // A call not yet placed to another of the recipient's phones has nothing left to ask.
      db.update(
          "UPDATE delivery SET status = 'WITHDRAWN', updated_at = ? WHERE case_id = ?"
              + " AND recipient_id = ? AND channel = 'VOICE' AND status = 'QUEUED'",
          now,
          caseId,
          recipientId);
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
