package se.saknad.acknowledgements;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.saknad.common.Db;
import se.saknad.messaging.outbox.CoordinatorNotices;
import se.saknad.recipients.Recipients;

/**
 * Handles a reply SMS: "OK 4821" (any case, spaces optional, or just "4821") from a number that was
 * alerted about case 4821 acknowledges that delivery and stops its recipient's escalation; STOP and
 * START opt the number out and in. Anything else gets a short help text and changes nothing. Each
 * MessageSid is handled once.
 */
@Singleton
@Transactional
public class AcknowledgingAlert {
  private static final Logger LOG = LoggerFactory.getLogger(AcknowledgingAlert.class);
  private static final Pattern ACK =
      Pattern.compile("^\\s*(?:ok\\s*)?(\\d{4,5})\\s*[.!]?\\s*$", Pattern.CASE_INSENSITIVE);
  private static final Set<String> STOP =
      Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT");
  private static final Set<String> START = Set.of("START", "YES", "UNSTOP");
  static final String HELP =
      "Saknad: vi kände inte igen svaret. Kvittera ett larm genom att svara OK och ärendets kod, t.ex. OK 4821.";

  /**
   * What to answer; {@code reply} null means an empty TwiML response; {@code caseId} the case the
   * reply was about, when it was matched to one.
   */
  public record Answer(String outcome, String reply, UUID caseId) {
    Answer(String outcome, String reply) {
      this(outcome, reply, null);
    }
  }

  private final Db db;
  private final Clock clock;
  private final Recipients recipients;
  private final CoordinatorNotices notices;
  private final AcknowledgementEffect effect;
  private final List<CodeReplies> otherReplies;

  AcknowledgingAlert(
      Db db,
      Clock clock,
      Recipients recipients,
      CoordinatorNotices notices,
      AcknowledgementEffect effect,
      List<CodeReplies> otherReplies) {
    this.db = db;
    this.clock = clock;
    this.recipients = recipients;
    this.notices = notices;
    this.effect = effect;
    this.otherReplies = otherReplies;
  }

  Answer handle(String messageSid, String from, String body, ReplyOrigin origin) {
    String text = body == null ? "" : body.strip();
    int fresh =
        db.update(
            "INSERT INTO inbound_message (message_sid, from_phone, body, outcome, received_at)"
                + " VALUES (?, ?, ?, 'PENDING', ?) ON CONFLICT DO NOTHING",
            messageSid,
            from,
            text.length() > 500 ? text.substring(0, 500) : text,
            clock.instant());
    if (fresh == 0) {
      return new Answer("DUPLICATE", null);
    }
    Answer answer = decide(from, text, origin);
    db.update(
        "UPDATE inbound_message SET outcome = ?, case_id = ? WHERE message_sid = ?",
        answer.outcome(),
        answer.caseId(),
        messageSid);
    return answer;
  }

  private Answer decide(String from, String text, ReplyOrigin origin) {
    String keyword = text.toUpperCase(Locale.ROOT);
    if (STOP.contains(keyword) || START.contains(keyword)) {
      boolean out = STOP.contains(keyword);
      int contacts = recipients.setOptedOut(from, out);
      LOG.warn("A contact number replied {} ({} contact rows)", out ? "STOP" : "START", contacts);
      notices.optedOut(from.substring(Math.max(0, from.length() - 4)), out);
      return new Answer(out ? "OPTED_OUT" : "OPTED_IN", null);
    }
    Matcher m = ACK.matcher(text);
    if (!m.matches()) {
      return new Answer("HELP", HELP);
    }
    String code = m.group(1);
    // Other features (referrals) acknowledge what they sent this phone under the same code.
    Optional<String> other = Optional.empty();
    for (CodeReplies replies : otherReplies) {
      Optional<String> answer = replies.acknowledge(from, code, origin);
      other = other.isPresent() ? other : answer;
    }
    Optional<String> otherReply = other;
    return acknowledgeAlert(from, code, AcknowledgementEffect.Channel.SMS, origin, "/sms/inbound")
        .orElseGet(
            () ->
                otherReply
                    .map(reply -> new Answer("ACKNOWLEDGED_OTHER", reply))
                    .orElseGet(() -> new Answer("HELP", HELP)));
  }

  /**
   * The alerts of the open case {@code code} sent to {@code phone}, acknowledged as that contact's
   * answer through {@code channel} (an SMS reply from {@code from}, a key pressed on a call; as
   * SANDBOX when {@code origin} is the sandbox): ACKNOWLEDGED or ALREADY_ACKNOWLEDGED with the SMS
   * reply to give. Empty when no open case with that code alerted that phone.
   */
  public Optional<Answer> acknowledgeAlert(
      String from,
      String code,
      AcknowledgementEffect.Channel channel,
      ReplyOrigin origin,
      String endpoint) {
    record Sent(UUID id, UUID caseId, UUID childId, UUID recipientId, boolean acknowledged) {}
    List<Sent> mine =
        db.list(
            """
            SELECT d.id, d.case_id, c.child_id, d.recipient_id, d.acknowledged_at IS NOT NULL AS acked
            FROM delivery d JOIN disappearance_case c ON c.id = d.case_id
            WHERE d.phone = ? AND c.code = ? AND d.alert_id IS NOT NULL
              AND c.status IN ('MISSING', 'LOCATED')
            FOR UPDATE OF d
            """,
            rs ->
                new Sent(
                    Db.uuid(rs, "id"),
                    Db.uuid(rs, "case_id"),
                    Db.uuid(rs, "child_id"),
                    Db.uuid(rs, "recipient_id"),
                    rs.getBoolean("acked")),
            from,
            code);
    if (mine.isEmpty()) {
      return Optional.empty();
    }
    UUID caseId = mine.get(0).caseId();
    UUID recipientId = mine.get(0).recipientId();
    boolean already = mine.stream().anyMatch(Sent::acknowledged);
    Optional<String> otherContact =
        recipientId == null
            ? Optional.empty()
            : db.one(
                "SELECT phone FROM delivery WHERE case_id = ? AND recipient_id = ? AND phone <> ?"
                    + " AND acknowledged_at IS NOT NULL LIMIT 1",
                rs -> rs.getString(1),
                caseId,
                recipientId,
                from);
    effect.apply(
        caseId,
        mine.get(0).childId(),
        recipientId,
        from,
        origin.channel(channel),
        origin.by(),
        endpoint);
    if (already) {
      return Optional.of(
          new Answer(
              "ALREADY_ACKNOWLEDGED",
              "Saknad: du har redan kvitterat ärende " + code + ". Tack.",
              caseId));
    }
    if (otherContact.isPresent()) {
      return Optional.of(
          new Answer(
              "ACKNOWLEDGED",
              "Saknad: tack, ärende "
                  + code
                  + " är kvitterat. Det var redan kvitterat av en annan kontakt hos er.",
              caseId));
    }
    return Optional.of(
        new Answer(
            "ACKNOWLEDGED", "Saknad: tack, larmet i ärende " + code + " är kvitterat.", caseId));
  }
}
