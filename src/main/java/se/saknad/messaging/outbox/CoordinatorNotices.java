package se.saknad.messaging.outbox;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.saknad.common.Db;

/**
 * Tells the coordinators what breaks the alert chain: stored for the coordinator's page, logged
 * without personal data, and sent by SMS to saknad.coordinator-phones through the outbox.
 */
@Singleton
@Transactional
public class CoordinatorNotices {
  private static final Logger LOG = LoggerFactory.getLogger(CoordinatorNotices.class);

  private final Db db;
  private final Clock clock;
  private final List<String> phones;
  private final EnqueuingMessages enqueuing;

  CoordinatorNotices(
      Db db,
      Clock clock,
      @Value("${saknad.coordinator-phones:[]}") List<String> phones,
      EnqueuingMessages enqueuing) {
    this.db = db;
    this.clock = clock;
    this.phones = phones;
    this.enqueuing = enqueuing;
  }

  void deliveryFailed(UUID caseId, UUID deliveryId, String errorCode) {
    String code = caseCode(caseId);
    boolean call =
        deliveryId != null
            && db.exists("SELECT 1 FROM delivery WHERE id = ? AND channel = 'VOICE'", deliveryId);
    notice(
        "DELIVERY_FAILED",
        caseId,
        deliveryId,
        (call ? "SAKNAD: ett larmsamtal" : "SAKNAD: ett larm-SMS")
            + (code == null ? "" : " i ärende " + code)
            + (call ? " kunde inte ringas (fel " : " kunde inte levereras (fel ")
            + errorCode
            + "). Kontrollera mottagaren.");
  }

  public void optedOut(String phoneTail, boolean out) {
    notice(
        out ? "OPTED_OUT" : "OPTED_IN",
        null,
        null,
        out
            ? "SAKNAD: telefon som slutar på "
                + phoneTail
                + " har svarat STOP och får inga larm. Larmkedjan är bruten."
            : "SAKNAD: telefon som slutar på "
                + phoneTail
                + " har svarat START och får larm igen.");
  }

  public void escalationExhausted(UUID caseId, UUID deliveryId) {
    String code = caseCode(caseId);
    notice(
        "ESCALATION_EXHAUSTED",
        caseId,
        deliveryId,
        "SAKNAD: ingen kontakt har kvitterat larmet i ärende " + code + ". Ring polisen.");
  }

  /**
   * Every contact of a recipient left a message about no case unanswered (a concern): the
   * coordinators get its link, never its text (which names the child).
   */
  public void escalationExhausted(UUID deliveryId, String body) {
    String last = body.substring(body.lastIndexOf(' ') + 1);
    notice(
        "ESCALATION_EXHAUSTED",
        null,
        deliveryId,
        "SAKNAD: ingen kontakt har åtgärdat ett meddelande som väntar på svar."
            + (last.startsWith("http") ? " " + last : ""));
  }

  /** Every contact of a recipient was called about the case and none pressed 1. */
  public void callsUnanswered(UUID caseId, UUID deliveryId) {
    String code = caseCode(caseId);
    notice(
        "CALLS_UNANSWERED",
        caseId,
        deliveryId,
        "SAKNAD: ingen kontakt har kvitterat larmet i ärende "
            + code
            + " när vi ringde. Ring polisen.");
  }

  private void notice(String kind, UUID caseId, UUID deliveryId, String text) {
    var now = clock.instant();
    db.update(
        "INSERT INTO coordinator_notice (kind, case_id, delivery_id, detail, created_at)"
            + " VALUES (?, ?, ?, ?, ?)",
        kind,
        caseId,
        deliveryId,
        text,
        now);
    LOG.warn("Coordinator notice {} (case {})", kind, caseId);
    if (!phones.isEmpty()) {
      enqueuing.enqueueNotice(caseId, phones, text);
    }
  }

  private String caseCode(UUID caseId) {
    if (caseId == null) {
      return null;
    }
    return db.one("SELECT code FROM disappearance_case WHERE id = ?", rs -> rs.getString(1), caseId)
        .orElse(null);
  }
}
