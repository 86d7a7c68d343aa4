package se.saknad.sms;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
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
    VOICE
  }

  private final Db db;
  private final Clock clock;
  private final AuditTrail audit;

  AcknowledgementEffect(Db db, Clock clock, AuditTrail audit) {
    this.db = db;
    this.clock = clock;
    this.audit = audit;
  }

  /**
   * {@code phone} names the contact that answered (an SMS reply); null acknowledges every delivery
   * of the recipient (the web, where a person speaks for the recipient). {@code caller} is null for
   * a phone.
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
    if (phone != null) {
      db.update(
          "UPDATE delivery SET status = 'ACKNOWLEDGED', acknowledged_at = coalesce(acknowledged_at, ?),"
              + " updated_at = ? WHERE case_id = ? AND phone = ? AND alert_id IS NOT NULL",
          now,
          now,
          caseId,
          phone);
    } else {
      db.update(
          "UPDATE delivery SET status = 'ACKNOWLEDGED', acknowledged_at = coalesce(acknowledged_at, ?),"
              + " updated_at = ? WHERE case_id = ? AND recipient_id = ? AND alert_id IS NOT NULL",
          now,
          now,
          caseId,
          recipientId);
    }
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
