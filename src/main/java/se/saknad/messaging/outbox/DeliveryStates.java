package se.saknad.messaging.outbox;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import se.saknad.common.Db;

/**
 * The verbs by which other packages change a delivery's state: acknowledged, no longer chased,
 * escalated. The outbox is the only writer of its rows (ArchitectureTest), so that every state a
 * delivery can be in is set in this package.
 */
@Singleton
@Transactional
public class DeliveryStates {
  private final Db db;
  private final Clock clock;

  DeliveryStates(Db db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** An alert delivery this acknowledgement marked; {@code first} when it had not been before. */
  public record Acknowledged(String recipientKind, Instant queuedAt, boolean first) {}

  /**
   * Marks the alert deliveries of the case acknowledged: those sent to {@code phone}, or, when
   * {@code phone} is null, every one of {@code recipientId}.
   */
  public List<Acknowledged> acknowledge(UUID caseId, String phone, UUID recipientId, Instant at) {
    String marking =
        "UPDATE delivery SET status = 'ACKNOWLEDGED', acknowledged_at = coalesce(acknowledged_at, ?),"
            + " updated_at = ? WHERE case_id = ? AND %s = ? AND alert_id IS NOT NULL"
            + " RETURNING recipient_kind, created_at, acknowledged_at = ? AS first";
    return db.list(
        marking.formatted(phone != null ? "phone" : "recipient_id"),
        rs ->
            new Acknowledged(
                rs.getString("recipient_kind"),
                Db.instant(rs, "created_at"),
                rs.getBoolean("first")),
        at,
        at,
        caseId,
        phone != null ? phone : recipientId,
        at);
  }

  /**
   * Nobody chases the recipient for an acknowledgement about the case any more, and a call not yet
   * placed to another of its phones is withdrawn: it has nothing left to ask.
   */
  public void stopChasing(UUID caseId, UUID recipientId, Instant at) {
    db.update(
        "UPDATE delivery SET ack_required = false, updated_at = ? WHERE case_id = ? AND recipient_id = ?",
        at,
        caseId,
        recipientId);
    db.update(
        "UPDATE delivery SET status = 'WITHDRAWN', updated_at = ? WHERE case_id = ?"
            + " AND recipient_id = ? AND channel = 'VOICE' AND status = 'QUEUED'",
        at,
        caseId,
        recipientId);
  }

  /** The delivery's escalation step was taken: it is not escalated again. */
  public void escalated(UUID deliveryId) {
    Instant now = clock.instant();
    db.update(
        "UPDATE delivery SET escalated_at = ?, updated_at = ? WHERE id = ?", now, now, deliveryId);
  }
}
