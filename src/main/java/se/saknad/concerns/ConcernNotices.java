package se.saknad.concerns;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.saknad.common.Db;
import se.saknad.common.Sweden;
import se.saknad.concerns.ConcernApi.Notified;
import se.saknad.messaging.outbox.EnqueuingMessages;
import se.saknad.messaging.outbox.EnqueuingMessages.Message;
import se.saknad.recipients.RecipientApi.ContactView;
import se.saknad.recipients.RecipientApi.Kind;
import se.saknad.recipients.RecipientApi.Target;
import se.saknad.recipients.Recipients;

/**
 * Tells of a concern by SMS through the outbox: the first reachable contact of the responsible
 * municipality's social services, the guardian, and for a sign of exploitation the coordinator
 * against trafficking of the home's police region (the national task force's phones when the region
 * has none). Never the police: they are not involved until the child is gone. The text carries the
 * first name, the age, whether there are signs of exploitation, the assessment's deadline and a
 * link; never the family name, the signs themselves or the note.
 *
 * <p>Social services' message waits for the protection assessment: it is queued with {@code
 * escalateFrom} at the deadline, so the outbox's escalation (the same ladder as an unacknowledged
 * alert: again, the next contact, then the coordinators) takes over when nobody assessed in time,
 * and {@link EnqueuingMessages#settle} stops it when somebody did.
 */
@Singleton
@Transactional
class ConcernNotices {
  private static final Logger LOG = LoggerFactory.getLogger(ConcernNotices.class);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d/M");
  static final String NATIONAL = "NATIONAL";

  private final Db db;
  private final Recipients recipients;
  private final EnqueuingMessages outbox;
  private final Clock clock;
  private final List<String> nationalPhones;
  private final String publicBaseUrl;

  ConcernNotices(
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

  /** What the notices need of a concern just recorded. */
  record Told(
      UUID concernId,
      String givenName,
      Integer age,
      boolean exploitation,
      Instant assessmentDueBy,
      String responsibleMunicipality,
      String policeRegion,
      String guardianPhone) {}

  String text(Told c) {
    return "SAKNAD ORO: orosanmälan om "
        + c.givenName()
        + (c.age() == null ? "" : ", " + c.age() + " år")
        + (c.exploitation() ? ", med tecken på exploatering" : "")
        + ". Socialtjänstens skyddsbedömning senast "
        + DAY.format(c.assessmentDueBy().minusSeconds(1).atZone(Sweden.ZONE))
        + ". "
        + publicBaseUrl
        + "/app/concern.html?id="
        + c.concernId();
  }

  /** Queues the SMS and records who was told; answers them in the order told. */
  List<Notified> send(Told c) {
    String text = text(c);
    List<Message> messages = new ArrayList<>();
    List<Notified> told = new ArrayList<>();
    List<Target> social = recipients.socialServicesOf(c.responsibleMunicipality());
    List<Target> trafficking =
        c.exploitation() && c.policeRegion() != null
            ? recipients.coveringPoliceRegion(Kind.TRAFFICKING_COORDINATOR, c.policeRegion())
            : List.of();
    List<UUID> ids = new ArrayList<>();
    social.forEach(t -> ids.add(t.id()));
    trafficking.forEach(t -> ids.add(t.id()));
    Map<UUID, ContactView> first = recipients.firstReachableContacts(ids);
    for (Target t : social) {
      ContactView contact = first.get(t.id());
      if (contact == null) {
        LOG.warn(
            "Social services {} have no reachable contact for concern {}", t.id(), c.concernId());
        continue;
      }
      // The protection assessment is the law's duty, whatever the recipient's acknowledgement rule.
      messages.add(
          new Message(
              null,
              null,
              t.id(),
              contact.id(),
              Kind.SOCIAL_SERVICES.name(),
              contact.phone(),
              text,
              true,
              c.concernId(),
              c.assessmentDueBy()));
      told.add(new Notified(t.id(), t.name(), t.kind().name()));
    }
    if (told.isEmpty()) {
      LOG.warn("Concern {} reached no social services", c.concernId());
    }
    if (c.guardianPhone() != null) {
      messages.add(
          new Message(
              null,
              null,
              null,
              null,
              "GUARDIAN",
              c.guardianPhone(),
              text,
              false,
              c.concernId(),
              null));
      told.add(new Notified(null, "God man", "GUARDIAN"));
    }
    int coordinators = 0;
    for (Target t : trafficking) {
      ContactView contact = first.get(t.id());
      if (contact != null) {
        messages.add(
            new Message(
                null,
                null,
                t.id(),
                contact.id(),
                t.kind().name(),
                contact.phone(),
                text,
                false,
                c.concernId(),
                null));
        told.add(new Notified(t.id(), t.name(), t.kind().name()));
        coordinators++;
      }
    }
    if (c.exploitation() && coordinators == 0 && !nationalPhones.isEmpty()) {
      for (String phone : nationalPhones) {
        messages.add(
            new Message(null, null, null, null, "OTHER", phone, text, false, c.concernId(), null));
      }
      told.add(new Notified(null, "Nationellt metodstöd mot människohandel (NMT)", NATIONAL));
    }
    outbox.enqueueAll(messages);
    Instant now = clock.instant();
    for (Notified n : told) {
      db.update(
          "INSERT INTO concern_notice (id, concern_id, recipient_id, recipient_name, audience,"
              + " sent_at) VALUES (?, ?, ?, ?, ?, ?)",
          UUID.randomUUID(),
          c.concernId(),
          n.id(),
          n.name(),
          n.kind(),
          now);
    }
    return told;
  }

  /** Who was told of these concerns, by concern, in the order told; one statement. */
  Map<UUID, List<Notified>> of(List<UUID> concernIds) {
    Map<UUID, List<Notified>> byConcern = new java.util.HashMap<>();
    if (concernIds.isEmpty()) {
      return byConcern;
    }
    db.list(
            "SELECT concern_id, recipient_id, recipient_name, audience FROM concern_notice"
                + " WHERE concern_id = ANY (?::uuid[]) ORDER BY sent_at, CASE audience"
                + " WHEN 'SOCIAL_SERVICES' THEN 0 WHEN 'GUARDIAN' THEN 1 ELSE 2 END, recipient_name",
            rs ->
                Map.entry(
                    Db.uuid(rs, "concern_id"),
                    new Notified(
                        Db.uuid(rs, "recipient_id"),
                        rs.getString("recipient_name"),
                        rs.getString("audience"))),
            concernIds)
        .forEach(
            e -> byConcern.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    return byConcern;
  }
}
