package se.saknad.escalation;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import se.saknad.common.Db;
import se.saknad.messaging.outbox.CoordinatorNotices;
import se.saknad.messaging.outbox.DeliveryStates;
import se.saknad.messaging.outbox.EnqueuingMessages;
import se.saknad.recipients.RecipientApi;
import se.saknad.recipients.Recipients;

/**
 * A delivery that needs an acknowledgement and has none after its recipient's escalateAfterMinutes
 * is sent again to the same contact and to the next contact in the recipient's list; after the last
 * contact the coordinators are told, and recipients with voiceAfterMinutes are called later (see
 * {@link VoiceEscalation}). The state lives in the delivery rows, so the schedule survives
 * restarts, and rows are locked with SKIP LOCKED so several instances escalate each delivery once.
 */
@Singleton
public class EscalatingUnacknowledged {
  private final Db db;
  private final DeliveryStates deliveries;
  private final Clock clock;
  private final CoordinatorNotices notices;
  private final EnqueuingMessages enqueuing;
  private final VoiceEscalation voice;
  private final Recipients recipients;

  EscalatingUnacknowledged(
      Db db,
      DeliveryStates deliveries,
      Clock clock,
      CoordinatorNotices notices,
      EnqueuingMessages enqueuing,
      VoiceEscalation voice,
      Recipients recipients) {
    this.recipients = recipients;
    this.db = db;
    this.deliveries = deliveries;
    this.clock = clock;
    this.notices = notices;
    this.enqueuing = enqueuing;
    this.voice = voice;
  }

  void scheduled() {
    escalateDue();
  }

  record Due(
      UUID id,
      UUID alertId,
      UUID caseId,
      UUID recipientId,
      UUID contactId,
      String kind,
      String phone,
      String body,
      int position,
      int priority,
      UUID subjectId) {}

  /** Escalates every delivery now due; returns how many. */
  @Transactional
  public int escalateDue() {
    var now = clock.instant();
    List<Due> due =
        db.list(
            """
            SELECT d.id, d.alert_id, d.case_id, d.recipient_id, d.contact_id, d.recipient_kind,
                   d.phone, d.body, rc.position, d.priority, d.subject_id
            FROM delivery d
            JOIN recipient r ON r.id = d.recipient_id
            JOIN recipient_contact rc ON rc.id = d.contact_id
            LEFT JOIN disappearance_case c ON c.id = d.case_id
            WHERE d.ack_required AND d.acknowledged_at IS NULL AND d.escalated_at IS NULL
              AND d.channel = 'SMS' AND d.status IN ('SENT', 'DELIVERED', 'FAILED', 'UNDELIVERED')
              AND (c.status IN ('MISSING', 'LOCATED') OR (d.case_id IS NULL AND d.subject_id IS NOT NULL))
              AND coalesce(d.escalate_from,
                           d.created_at + make_interval(mins => r.escalate_after_minutes)) <= ?
            ORDER BY d.created_at
            FOR UPDATE OF d SKIP LOCKED
            """,
            rs ->
                new Due(
                    Db.uuid(rs, "id"),
                    Db.uuid(rs, "alert_id"),
                    Db.uuid(rs, "case_id"),
                    Db.uuid(rs, "recipient_id"),
                    Db.uuid(rs, "contact_id"),
                    rs.getString("recipient_kind"),
                    rs.getString("phone"),
                    rs.getString("body"),
                    rs.getInt("position"),
                    rs.getInt("priority"),
                    Db.uuid(rs, "subject_id")),
            now);
    List<EnqueuingMessages.Message> messages = new ArrayList<>();
    for (Due d : due) {
      deliveries.escalated(d.id());
      // Again to the same phone: the duty officer may simply have missed it.
      messages.add(message(d, d.contactId(), d.phone(), false));
      Optional<RecipientApi.ContactView> next =
          recipients.nextReachableContact(d.recipientId(), d.position());
      if (next.isPresent()) {
        messages.add(message(d, next.get().id(), next.get().phone(), true));
      } else if (d.caseId() == null) {
        // About no case (a concern nobody assessed in time): the coordinators, no calls.
        notices.escalationExhausted(d.id(), d.body());
      } else {
        notices.escalationExhausted(d.caseId(), d.id());
        voice.smsStepsExhausted(d.caseId(), d.recipientId(), d.alertId());
      }
    }
    enqueuing.enqueueAll(messages);
    return due.size();
  }

  private static EnqueuingMessages.Message message(
      Due d, UUID contactId, String phone, boolean ackRequired) {
    return new EnqueuingMessages.Message(
        d.caseId(),
        d.alertId(),
        d.recipientId(),
        contactId,
        d.kind(),
        phone,
        d.body(),
        ackRequired,
        d.subjectId(),
        null);
  }
}
