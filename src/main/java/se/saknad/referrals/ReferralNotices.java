package se.saknad.referrals;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.saknad.common.Db;
import se.saknad.messaging.outbox.EnqueuingMessages;
import se.saknad.messaging.outbox.EnqueuingMessages.Message;
import se.saknad.recipients.RecipientApi.ContactView;
import se.saknad.recipients.RecipientApi.Kind;
import se.saknad.recipients.RecipientApi.Target;
import se.saknad.recipients.Recipients;

/**
 * Sends a referral by SMS through the outbox: the case code, "misstänkt exploatering", the reply
 * instruction and the link, nothing else. It goes to the coordinator against trafficking of the
 * police region (first reachable contact), to the national task force's phones when the region has
 * none, and, for exploitation indicators, to the region's police. Each phone is one notice row,
 * which is where escalation keeps its state.
 */
@Singleton
@Transactional
class ReferralNotices {
  private static final Logger LOG = LoggerFactory.getLogger(ReferralNotices.class);
  static final String TRAFFICKING = Kind.TRAFFICKING_COORDINATOR.name();
  static final String POLICE = Kind.POLICE.name();
  static final String NATIONAL = "NATIONAL";

  private final Db db;
  private final Recipients recipients;
  private final EnqueuingMessages outbox;
  private final Clock clock;
  private final List<String> nationalPhones;
  private final String publicBaseUrl;

  ReferralNotices(
      Db db,
      Recipients recipients,
      EnqueuingMessages outbox,
      Clock clock,
      @Value("${saknad.referrals.national-phones:[]}") List<String> nationalPhones,
      @Value("${saknad.public-base-url}") String publicBaseUrl) {
    this.db = db;
    this.recipients = recipients;
    this.outbox = outbox;
    this.clock = clock;
    this.nationalPhones = nationalPhones;
    this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
  }

  String text(UUID referralId, String caseCode) {
    return "SAKNAD "
        + caseCode
        + ": misstänkt exploatering. Svara OK "
        + caseCode
        + " för att kvittera. "
        + publicBaseUrl
        + "/app/referral.html?id="
        + referralId;
  }

  void sendNew(UUID referralId, UUID caseId, String region, boolean police) {
    List<Target> coordinators =
        recipients.coveringPoliceRegion(Kind.TRAFFICKING_COORDINATOR, region);
    int sent = sendToRecipients(referralId, caseId, coordinators, TRAFFICKING);
    if (sent == 0) {
      sendToNational(referralId, caseId);
    }
    if (police) {
      sendToPolice(referralId, caseId, region);
    }
  }

  void sendToPolice(UUID referralId, UUID caseId, String region) {
    sendToRecipients(
        referralId, caseId, recipients.coveringPoliceRegion(Kind.POLICE, region), POLICE);
  }

  /** The national task force's phones, once per referral; false when none is configured. */
  boolean sendToNational(UUID referralId, UUID caseId) {
    if (db.exists(
        "SELECT 1 FROM referral_notice WHERE referral_id = ? AND audience = ?",
        referralId,
        NATIONAL)) {
      return true;
    }
    if (nationalPhones.isEmpty()) {
      LOG.warn("Referral {} reached no coordinator against trafficking", referralId);
      return false;
    }
    for (String phone : nationalPhones) {
      send(referralId, caseId, null, null, NATIONAL, phone, false);
    }
    return true;
  }

  private int sendToRecipients(
      UUID referralId, UUID caseId, List<Target> targets, String audience) {
    Map<UUID, ContactView> first =
        recipients.firstReachableContacts(targets.stream().map(Target::id).toList());
    int sent = 0;
    for (Target target : targets) {
      ContactView contact = first.get(target.id());
      if (contact == null) {
        LOG.warn("Recipient {} has no reachable contact for referral {}", target.id(), referralId);
        continue;
      }
      send(referralId, caseId, target.id(), contact.id(), audience, contact.phone(), true);
      sent++;
    }
    return sent;
  }

  /**
   * One SMS to one phone, and its notice row; {@code escalates} false for a repeat to a phone that
   * already had its turn.
   */
  void send(
      UUID referralId,
      UUID caseId,
      UUID recipientId,
      UUID contactId,
      String audience,
      String phone,
      boolean escalates) {
    String code =
        db.one("SELECT code FROM disappearance_case WHERE id = ?", rs -> rs.getString(1), caseId)
            .orElseThrow();
    Instant now = clock.instant();
    db.update(
        "INSERT INTO referral_notice (id, referral_id, recipient_id, contact_id, audience, phone,"
            + " sent_at, escalates) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        UUID.randomUUID(),
        referralId,
        recipientId,
        contactId,
        audience,
        phone,
        now,
        escalates);
    outbox.enqueue(
        new Message(
            caseId,
            null,
            recipientId,
            contactId,
            audience.equals(NATIONAL) ? "OTHER" : audience,
            phone,
            text(referralId, code),
            false));
  }

  /** What escalation needs of a notice that waited too long. */
  record Due(
      UUID id,
      UUID referralId,
      UUID caseId,
      UUID recipientId,
      String audience,
      String phone,
      int position) {}

  /**
   * Every notice of an OPEN referral that has waited its recipient's escalateAfterMinutes: the SMS
   * again to the same phone, and to the recipient's next contact; after the last contact of the
   * coordinator against trafficking, the national task force. Rows are locked with SKIP LOCKED so
   * several instances escalate each notice once.
   */
  int escalateDue() {
    Instant now = clock.instant();
    List<Due> due =
        db.list(
            """
            SELECT n.id, n.referral_id, r.case_id, n.recipient_id, n.audience, n.phone,
                   coalesce(rc.position, 0) AS position
            FROM referral_notice n
            JOIN referral r ON r.id = n.referral_id
            JOIN recipient x ON x.id = n.recipient_id
            LEFT JOIN recipient_contact rc ON rc.id = n.contact_id
            WHERE r.status = 'OPEN' AND n.escalates AND n.escalated_at IS NULL
              AND n.acknowledged_at IS NULL
              AND n.sent_at + make_interval(mins => x.escalate_after_minutes) <= ?
            ORDER BY n.sent_at
            FOR UPDATE OF n SKIP LOCKED
            """,
            rs ->
                new Due(
                    Db.uuid(rs, "id"),
                    Db.uuid(rs, "referral_id"),
                    Db.uuid(rs, "case_id"),
                    Db.uuid(rs, "recipient_id"),
                    rs.getString("audience"),
                    rs.getString("phone"),
                    rs.getInt("position")),
            now);
    for (Due d : due) {
      db.update("UPDATE referral_notice SET escalated_at = ? WHERE id = ?", now, d.id());
      send(d.referralId(), d.caseId(), d.recipientId(), null, d.audience(), d.phone(), false);
      java.util.Optional<ContactView> next =
          recipients.nextReachableContact(d.recipientId(), d.position());
      if (next.isPresent()) {
        send(
            d.referralId(),
            d.caseId(),
            d.recipientId(),
            next.get().id(),
            d.audience(),
            next.get().phone(),
            true);
      } else if (d.audience().equals(TRAFFICKING)) {
        sendToNational(d.referralId(), d.caseId());
      }
    }
    return due.size();
  }
}
