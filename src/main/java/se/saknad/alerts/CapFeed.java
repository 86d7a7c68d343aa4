package se.saknad.alerts;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import se.saknad.audit.AuditTrail;
import se.saknad.cases.CaseAccess;
import se.saknad.common.Db;
import se.saknad.common.ProblemException;
import se.saknad.common.StorableText;
import se.saknad.common.Sweden;
import se.saknad.security.Caller;

/**
 * The Atom 1.0 feed of CAP alerts for a partner system (a user of role PARTNER bound to a PARTNER
 * recipient). The partner is scoped like any recipient: the cases whose audience it is in, which
 * the same scoping query as every alert decided. One entry per case alert, open or cancelled within
 * {@link #CANCELLED_KEPT}: its id is the case's incident, its link the newest CAP message of the
 * case (Alert, Update or Cancel, which references every earlier one) and its {@code updated} the
 * time of that message, so an Update or a Cancel moves it. No name or place is in the feed itself;
 * the CAP message behind the link carries what an SMS carries. Every read is audited, per case.
 */
@Singleton
@Transactional
public class CapFeed {
  /** A Cancel stays in the feed this long after the child is back, so pollers see the all-clear. */
  static final Duration CANCELLED_KEPT = Duration.ofHours(24);

  static final String ATOM = "http://www.w3.org/2005/Atom";
  private static final DateTimeFormatter ATOM_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

  /** One entry: the case, its newest message, and the child (for the audit only). */
  record Entry(UUID caseId, UUID childId, String code, UUID alertId, String msgType, Instant at) {}

  /** The feed as written and its entity tag (a digest of the bytes). */
  public record Feed(String xml, String etag, List<Entry> entries) {}

  private final Db db;
  private final CaseAccess cases;
  private final AuditTrail audit;
  private final Clock clock;
  private final String base;

  CapFeed(
      Db db,
      CaseAccess cases,
      AuditTrail audit,
      Clock clock,
      @Value("${saknad.public-base-url}") String base) {
    this.db = db;
    this.cases = cases;
    this.audit = audit;
    this.clock = clock;
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  /** The partner's feed, audited as a read of each case in it (also when answered 304). */
  public Feed read(Caller caller, String endpoint) {
    Partner partner = partner(caller);
    CaseAccess.CaseRows every = cases.everyCase();
    Object[] params = new Object[every.params().length + 2];
    System.arraycopy(every.params(), 0, params, 0, every.params().length);
    params[every.params().length] = clock.instant().minus(CANCELLED_KEPT);
    params[every.params().length + 1] = partner.id();
    List<Entry> entries =
        db.list(
            "SELECT v.id, v.child_id, v.code, n.id AS alert_id, n.msg_type, n.created_at FROM "
                + every.sql()
                + " v JOIN LATERAL (SELECT id, msg_type, created_at FROM alert"
                + " WHERE case_id = v.id ORDER BY sequence DESC LIMIT 1) n ON true"
                + " WHERE (v.status = 'MISSING' OR (n.msg_type = 'Cancel' AND n.created_at > ?))"
                + " AND EXISTS (SELECT 1 FROM case_audience a"
                + " WHERE a.case_id = v.id AND a.recipient_id = ?)"
                + " ORDER BY n.created_at DESC, v.id",
            rs ->
                new Entry(
                    Db.uuid(rs, "id"),
                    Db.uuid(rs, "child_id"),
                    rs.getString("code"),
                    Db.uuid(rs, "alert_id"),
                    rs.getString("msg_type"),
                    Db.instant(rs, "created_at")),
            params);
    audit.recordAll(
        caller,
        "CAP_FEED_READ",
        entries.stream().map(Entry::childId).toList(),
        entries.stream().map(Entry::caseId).toList(),
        endpoint);
    String xml = atom(partner, entries);
    return new Feed(xml, etag(xml), entries);
  }

  /**
   * The child of a case whose alerts the partner may read (its recipient is in the case's
   * audience); 404 otherwise, as if the case did not exist.
   */
  UUID requireInAudience(Caller caller, UUID caseId) {
    Partner partner = partner(caller);
    CaseAccess.CaseRows every = cases.everyCase();
    Object[] params = new Object[every.params().length + 2];
    System.arraycopy(every.params(), 0, params, 0, every.params().length);
    params[every.params().length] = caseId;
    params[every.params().length + 1] = partner.id();
    return db.one(
            "SELECT v.child_id FROM "
                + every.sql()
                + " v WHERE v.id = ? AND EXISTS (SELECT 1 FROM case_audience a"
                + " WHERE a.case_id = v.id AND a.recipient_id = ?)",
            rs -> Db.uuid(rs, "child_id"),
            params)
        .orElseThrow(() -> ProblemException.notFound("case"));
  }

  /** The partner's name, as CAP's {@code <addresses>} names it. */
  String name(Caller caller) {
    return partner(caller).name();
  }

  private record Partner(UUID id, String name, Instant createdAt) {}

  /** The PARTNER recipient the account is bound to; 403 for an account bound to none. */
  private Partner partner(Caller caller) {
    Optional<Partner> partner =
        caller.recipientId() == null
            ? Optional.empty()
            : db.one(
                "SELECT id, name, created_at FROM recipient WHERE id = ? AND kind = 'PARTNER'"
                    + " AND deleted_at IS NULL",
                rs ->
                    new Partner(
                        Db.uuid(rs, "id"), rs.getString("name"), Db.instant(rs, "created_at")),
                caller.recipientId());
    return partner.orElseThrow(
        () ->
            new ProblemException(
                io.micronaut.http.HttpStatus.FORBIDDEN,
                "no-bound-recipient",
                "Your account acts for no recipient",
                "The feed is the one of the PARTNER recipient the account is bound to, and this"
                    + " account is bound to none: ask an administrator to bind it.",
                null,
                null));
  }

  private String atom(Partner partner, List<Entry> entries) {
    Instant updated = entries.isEmpty() ? partner.createdAt() : entries.get(0).at();
    for (Entry e : entries) {
      updated = e.at().isAfter(updated) ? e.at() : updated;
    }
    try {
      StringWriter out = new StringWriter();
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeStartElement("feed");
      xml.writeDefaultNamespace(ATOM);
      xml.writeAttribute("xml", "http://www.w3.org/XML/1998/namespace", "lang", "sv-SE");
      element(xml, "id", "urn:saknad:cap-feed:" + partner.id());
      element(xml, "title", "Saknad: larm om försvunna barn för " + partner.name());
      element(xml, "updated", time(updated));
      xml.writeStartElement("author");
      element(xml, "name", "Saknad");
      xml.writeEndElement();
      link(xml, "self", "application/atom+xml", base + "/api/v1/cap/feed.atom");
      for (Entry e : entries) {
        boolean cancel = "Cancel".equals(e.msgType());
        xml.writeStartElement("entry");
        element(xml, "id", "urn:saknad:incident:saknad-case-" + e.caseId());
        element(
            xml,
            "title",
            "Ärende " + e.code() + (cancel ? ": barnet är tillbaka" : ": försvunnet barn"));
        element(xml, "updated", time(e.at()));
        element(xml, "summary", e.msgType() + " (CAP 1.2, scope Restricted)");
        link(
            xml,
            "alternate",
            "application/cap+xml",
            base + "/api/v1/cases/" + e.caseId() + "/alerts/" + e.alertId() + "/cap");
        xml.writeEndElement();
      }
      xml.writeEndElement();
      xml.writeEndDocument();
      xml.close();
      return out.toString();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("Atom feed could not be written", e);
    }
  }

  private static void link(XMLStreamWriter xml, String rel, String type, String href)
      throws XMLStreamException {
    xml.writeEmptyElement("link");
    xml.writeAttribute("rel", rel);
    xml.writeAttribute("type", type);
    xml.writeAttribute("href", href);
  }

  private static void element(XMLStreamWriter xml, String name, String text)
      throws XMLStreamException {
    xml.writeStartElement(name);
    xml.writeCharacters(StorableText.forXml(text));
    xml.writeEndElement();
  }

  private static String time(Instant at) {
    return ATOM_TIME.format(at.truncatedTo(ChronoUnit.SECONDS).atZone(Sweden.ZONE));
  }

  private static String etag(String xml) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(xml.getBytes(StandardCharsets.UTF_8));
      return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
