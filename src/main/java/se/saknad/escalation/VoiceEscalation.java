package se.saknad.escalation;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import se.saknad.cases.Cases;
import se.saknad.common.Db;
import se.saknad.messaging.outbox.CoordinatorNotices;
import se.saknad.messaging.outbox.DeliveryStates;
import se.saknad.messaging.outbox.EnqueuingMessages;
import se.saknad.messaging.provider.VoiceScript;
import se.saknad.recipients.RecipientApi;
import se.saknad.recipients.Recipients;

/**
 * Calls a recipient whose SMS escalation ran out unacknowledged, voiceAfterMinutes after its last
 * step: its contacts in turn, each call through the outbox. A call that ends without 1 (not
 * answered, busy, failed, hung up, or no report within saknad.voice.unanswered-after) moves on to
 * the next contact; after the last one the coordinators are told. An acknowledgement by any channel
 * or a closed case ends the chain. Like the SMS escalation, the state is in rows locked with SKIP
 * LOCKED, so it survives restarts and several instances call each contact once.
 */
@Singleton
@Transactional
public class VoiceEscalation {
  private static final int MAX_PLACE = 200;

  private final Db db;
  private final DeliveryStates deliveries;
  private final Clock clock;
  private final Cases cases;
  private final CoordinatorNotices notices;
  private final EnqueuingMessages enqueuing;
  private final Duration unansweredAfter;
  private final Recipients recipients;

  VoiceEscalation(
      Db db,
      DeliveryStates deliveries,
      Clock clock,
      Cases cases,
      Recipients recipients,
      CoordinatorNotices notices,
      EnqueuingMessages enqueuing,
      @Value("${saknad.voice.unanswered-after:10m}") Duration unansweredAfter) {
    this.db = db;
    this.deliveries = deliveries;
    this.clock = clock;
    this.cases = cases;
    this.recipients = recipients;
    this.notices = notices;
    this.enqueuing = enqueuing;
    this.unansweredAfter = unansweredAfter;
  }

  void scheduled() {
    startDue();
    moveOnFromUnanswered();
  }

  /**
   * The SMS escalation of this recipient's alert ran out: calls are due voiceAfterMinutes from now,
   * when the recipient has that setting. One chain per case and recipient.
   */
  void smsStepsExhausted(UUID caseId, UUID recipientId, UUID alertId) {
    if (recipientId == null) {
      return;
    }
    db.update(
        "INSERT INTO voice_escalation (case_id, recipient_id, alert_id, due_at)"
            + " SELECT ?, id, ?, ?::timestamptz + make_interval(mins => voice_after_minutes)"
            + " FROM recipient WHERE id = ? AND voice_after_minutes IS NOT NULL"
            + " ON CONFLICT DO NOTHING",
        caseId,
        alertId,
        clock.instant(),
        recipientId);
  }

  /** Places the first call of every chain now due; returns how many chains started. */
  public int startDue() {
    Instant now = clock.instant();
    record Due(UUID caseId, UUID recipientId, UUID alertId, String kind, boolean acknowledged) {}
    List<Due> due =
        db.list(
            """
            SELECT v.case_id, v.recipient_id, v.alert_id, r.kind,
                   EXISTS (SELECT 1 FROM delivery a WHERE a.case_id = v.case_id
                           AND a.recipient_id = v.recipient_id
                           AND (a.acknowledged_at IS NOT NULL OR a.status = 'ACKNOWLEDGED'))
                   OR EXISTS (SELECT 1 FROM acknowledgement k WHERE k.case_id = v.case_id
                           AND k.recipient_id = v.recipient_id) AS acknowledged
            FROM voice_escalation v
            JOIN disappearance_case c ON c.id = v.case_id
            JOIN recipient r ON r.id = v.recipient_id
            WHERE v.started_at IS NULL AND v.due_at <= ?
              AND c.status IN ('MISSING', 'LOCATED') AND r.deleted_at IS NULL
            ORDER BY v.due_at
            FOR UPDATE OF v SKIP LOCKED
            """,
            rs ->
                new Due(
                    Db.uuid(rs, "case_id"),
                    Db.uuid(rs, "recipient_id"),
                    Db.uuid(rs, "alert_id"),
                    rs.getString("kind"),
                    rs.getBoolean("acknowledged")),
            now);
    for (Due d : due) {
      db.update(
          "UPDATE voice_escalation SET started_at = ? WHERE case_id = ? AND recipient_id = ?",
          now,
          d.caseId(),
          d.recipientId());
      if (!d.acknowledged()) {
        callFrom(d.caseId(), d.recipientId(), d.alertId(), d.kind(), 0, null);
      }
    }
    return due.size();
  }

  /**
   * Moves on from every call that ended without 1, or whose end was never reported within
   * saknad.voice.unanswered-after; returns how many.
   */
  public int moveOnFromUnanswered() {
    Instant now = clock.instant();
    List<UUID> ended =
        db.list(
            """
            SELECT id FROM delivery
            WHERE channel = 'VOICE' AND ack_required AND acknowledged_at IS NULL
              AND escalated_at IS NULL
              AND (status IN ('DELIVERED', 'FAILED', 'UNDELIVERED')
                   OR status = 'SENT' AND updated_at <= ?)
            ORDER BY updated_at
            FOR UPDATE SKIP LOCKED
            """,
            rs -> Db.uuid(rs, "id"),
            now.minus(unansweredAfter));
    ended.forEach(this::moveOn);
    return ended.size();
  }

  /**
   * The call {@code deliveryId} ended. Unless its recipient acknowledged meanwhile (then no call of
   * the recipient still needs an acknowledgement) or it was handled already, the next contact is
   * called, or the coordinators are told.
   */
  void callEnded(UUID deliveryId) {
    db.one(
            "SELECT id FROM delivery WHERE id = ? AND channel = 'VOICE' AND ack_required"
                + " AND acknowledged_at IS NULL AND escalated_at IS NULL FOR UPDATE",
            rs -> Db.uuid(rs, "id"),
            deliveryId)
        .ifPresent(this::moveOn);
  }

  private void moveOn(UUID deliveryId) {
    record Call(UUID caseId, UUID recipientId, UUID alertId, String kind, int position) {}
    Call call =
        db.one(
                """
                SELECT d.case_id, d.recipient_id, d.alert_id, d.recipient_kind,
                       coalesce(rc.position, 0) AS position
                FROM delivery d LEFT JOIN recipient_contact rc ON rc.id = d.contact_id
                WHERE d.id = ?
                """,
                rs ->
                    new Call(
                        Db.uuid(rs, "case_id"),
                        Db.uuid(rs, "recipient_id"),
                        Db.uuid(rs, "alert_id"),
                        rs.getString("recipient_kind"),
                        rs.getInt("position")),
                deliveryId)
            .orElseThrow();
    deliveries.escalated(deliveryId);
    boolean open =
        db.exists(
            "SELECT 1 FROM disappearance_case WHERE id = ? AND status IN ('MISSING', 'LOCATED')",
            call.caseId());
    if (open) {
      callFrom(
          call.caseId(),
          call.recipientId(),
          call.alertId(),
          call.kind(),
          call.position(),
          deliveryId);
    }
  }

  /**
   * Calls the recipient's first reachable contact after {@code position}; when there is none, the
   * coordinators are told that nobody answered ({@code lastCall} null: there was nobody to call).
   */
  private void callFrom(
      UUID caseId, UUID recipientId, UUID alertId, String kind, int position, UUID lastCall) {
    Optional<RecipientApi.ContactView> next =
        recipients.nextReachableContact(recipientId, position);
    if (next.isEmpty()) {
      notices.callsUnanswered(caseId, lastCall);
      return;
    }
    Cases.CaseFacts facts = cases.facts(caseId).orElseThrow();
    enqueuing.enqueueCall(
        new EnqueuingMessages.Message(
            caseId,
            alertId,
            recipientId,
            next.get().id(),
            kind,
            next.get().phone(),
            text(facts),
            true));
  }

  /**
   * What the call reads out: the case code digit by digit, first name, age, where last seen and the
   * risk grade; never a family name or dossier number (as in the alert SMS).
   */
  static String text(Cases.CaseFacts c) {
    StringBuilder text =
        new StringBuilder("Det här är Saknad, med ett larm om ett försvunnet barn. Ärende ")
            .append(VoiceScript.digits(c.code()))
            .append(". ");
    text.append(c.givenName() == null ? "" : c.givenName().strip()).append(", ");
    text.append(c.age() == null ? "okänd ålder" : c.age() + " år").append(". ");
    if (c.latestSightingAt() != null && c.latestSightingMunicipality() != null) {
      text.append("Senast sedd i ").append(c.latestSightingMunicipality()).append(". ");
    } else if (c.lastSeenPlace() != null && !c.lastSeenPlace().isBlank()) {
      String place = c.lastSeenPlace().strip().replaceAll("\\s+", " ");
      text.append("Senast sedd ")
          .append(place.length() > MAX_PLACE ? place.substring(0, MAX_PLACE) : place)
          .append(". ");
    }
    text.append("Risknivå ")
        .append(
            switch (c.riskLevel()) {
              case HIGH -> "hög";
              case ELEVATED -> "förhöjd";
              case STANDARD -> "normal";
            })
        .append(".");
    return text.toString();
  }
}
