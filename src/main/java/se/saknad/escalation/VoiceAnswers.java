package se.saknad.escalation;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import se.saknad.acknowledgements.AcknowledgementEffect;
import se.saknad.acknowledgements.AcknowledgingAlert;
import se.saknad.acknowledgements.ReplyOrigin;
import se.saknad.common.Db;
import se.saknad.messaging.outbox.DeliveryStatuses;
import se.saknad.messaging.provider.VoiceScript;

/**
 * What a call's Gather reported: 1 acknowledges exactly as "OK <code>" by SMS from that phone does
 * (channel VOICE); another key or none is said so and the alert read once more, then the call ends
 * politely. Each call and step is handled once: a replayed webhook gets the same answer and changes
 * nothing. A call's end is stored like an SMS status callback and moves the chain on.
 */
@Singleton
@Transactional
class VoiceAnswers {
  /** The last step: after a second wrong key the call ends. */
  static final int LAST_STEP = 2;

  private final Db db;
  private final DeliveryStatuses statuses;
  private final Clock clock;
  private final AcknowledgingAlert acknowledging;
  private final VoiceEscalation escalation;
  private final String publicBaseUrl;

  VoiceAnswers(
      Db db,
      DeliveryStatuses statuses,
      Clock clock,
      AcknowledgingAlert acknowledging,
      VoiceEscalation escalation,
      @Value("${saknad.public-base-url}") String publicBaseUrl) {
    this.db = db;
    this.statuses = statuses;
    this.clock = clock;
    this.acknowledging = acknowledging;
    this.escalation = escalation;
    this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
  }

  private record Call(UUID id, String phone, String text, String code) {}

  /** The TwiML to answer the Gather of call {@code callSid} at {@code step} with. */
  String gathered(UUID deliveryId, String callSid, String digits, int step, ReplyOrigin origin) {
    Optional<Call> found = call(deliveryId);
    if (found.isEmpty()) {
      return VoiceScript.sayAndHangUp("Saknad hittar inte larmet. Hej då.");
    }
    Call call = found.get();
    String pressed = digits == null ? "" : digits.strip();
    int fresh =
        db.update(
            "INSERT INTO voice_gather (call_sid, step, delivery_id, digits, outcome, received_at)"
                + " VALUES (?, ?, ?, ?, 'PENDING', ?) ON CONFLICT DO NOTHING",
            callSid,
            step,
            deliveryId,
            pressed.length() > 10 ? pressed.substring(0, 10) : pressed,
            clock.instant());
    String outcome;
    if (fresh == 0) {
      outcome =
          db.one(
                  "SELECT outcome FROM voice_gather WHERE call_sid = ? AND step = ?",
                  rs -> rs.getString(1),
                  callSid,
                  step)
              .orElseThrow();
    } else {
      outcome = decide(call, pressed, step, origin);
      db.update(
          "UPDATE voice_gather SET outcome = ? WHERE call_sid = ? AND step = ?",
          outcome,
          callSid,
          step);
    }
    return answer(call, outcome);
  }

  private String decide(Call call, String pressed, int step, ReplyOrigin origin) {
    if ("1".equals(pressed)) {
      return acknowledging
          .acknowledgeAlert(
              call.phone(),
              call.code(),
              AcknowledgementEffect.Channel.VOICE,
              origin,
              "/voice/gather")
          .map(AcknowledgingAlert.Answer::outcome)
          .orElse("NOT_OPEN");
    }
    return step < LAST_STEP ? "REPEATED" : "NOT_ACKNOWLEDGED";
  }

  private String answer(Call call, String outcome) {
    String code = VoiceScript.digits(call.code());
    return switch (outcome) {
      case "ACKNOWLEDGED" ->
          VoiceScript.sayAndHangUp("Tack. Larmet i ärende " + code + " är kvitterat. Hej då.");
      case "ALREADY_ACKNOWLEDGED" ->
          VoiceScript.sayAndHangUp("Du har redan kvitterat ärende " + code + ". Tack. Hej då.");
      case "NOT_OPEN" ->
          VoiceScript.sayAndHangUp(
              "Ärende " + code + " är inte längre öppet. Ingen åtgärd behövs. Hej då.");
      case "REPEATED" ->
          VoiceScript.again(
              call.text(), VoiceScript.gatherUrl(publicBaseUrl, call.id(), LAST_STEP));
      default ->
          VoiceScript.sayAndHangUp("Larmet är inte kvitterat. Vi ringer nästa kontakt. Hej då.");
    };
  }

  /**
   * Stores the end (or another state) of a call and, when it ended, moves the chain on. Returns
   * false when the callback names no call of ours.
   */
  boolean status(UUID deliveryId, String callSid, String callStatus, String errorCode) {
    DeliveryStatuses.Recorded recorded =
        statuses.recordCall(deliveryId, callSid, callStatus, errorCode);
    if (recorded.newState()) {
      escalation.callEnded(deliveryId);
    }
    return recorded.known();
  }

  private Optional<Call> call(UUID deliveryId) {
    if (deliveryId == null) {
      return Optional.empty();
    }
    return db.one(
        "SELECT d.id, d.phone, d.body, c.code FROM delivery d"
            + " JOIN disappearance_case c ON c.id = d.case_id"
            + " WHERE d.id = ? AND d.channel = 'VOICE'",
        rs ->
            new Call(
                Db.uuid(rs, "id"),
                rs.getString("phone"),
                rs.getString("body"),
                rs.getString("code")),
        deliveryId);
  }
}
