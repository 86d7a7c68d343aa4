package se.saknad.sms;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import se.saknad.common.Db;

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

  private static final Map<String, String> CALL_TO_STATE =
      Map.of(
          "completed", "DELIVERED",
          "busy", "UNDELIVERED",
          "no-answer", "UNDELIVERED",
          "canceled", "UNDELIVERED",
          "failed", "FAILED");

  private final Db db;
  private final Clock clock;
  private final AcknowledgingAlert acknowledging;
  private final VoiceEscalation escalation;
  private final String publicBaseUrl;

  VoiceAnswers(
      Db db,
      Clock clock,
      AcknowledgingAlert acknowledging,
      VoiceEscalation escalation,
      @Value("${saknad.public-base-url}") String publicBaseUrl) {
    this.db = db;
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
    if (deliveryId == null
        || !db.exists(
            "SELECT 1 FROM delivery WHERE id = ? AND channel = 'VOICE' FOR UPDATE", deliveryId)) {
      return false;
    }
    String status = callStatus == null ? "unknown" : callStatus.toLowerCase();
    int stored =
        db.update(
            "INSERT INTO delivery_event (delivery_id, provider_sid, status, error_code, source, at)"
                + " VALUES (?, ?, ?, ?, 'CALLBACK', ?) ON CONFLICT DO NOTHING",
            deliveryId,
            callSid,
            status,
            errorCode,
            clock.instant());
    String state = CALL_TO_STATE.get(status);
    if (stored == 0 || state == null) {
      return true;
    }
    db.update(
        "UPDATE delivery SET status = ?, error_code = coalesce(?, error_code), updated_at = ?"
            + " WHERE id = ? AND "
            + DeliveryStatuses.RANK.formatted("status")
            + " < "
            + DeliveryStatuses.RANK.formatted("?"),
        state,
        errorCode,
        clock.instant(),
        deliveryId,
        state);
    escalation.callEnded(deliveryId);
    return true;
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
