package se.saknad.alerts;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.io.StringWriter;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import se.saknad.cases.Cases;
import se.saknad.cases.Cases.CaseFacts;
import se.saknad.common.Db;
import se.saknad.common.ProblemException;
import se.saknad.common.StorableText;
import se.saknad.geo.GeoPoint;

/**
 * Renders an alert as CAP 1.2: Restricted scope, category Rescue, the search circle plus the
 * municipality codes it touches, and for an Update or Cancel references to every earlier message of
 * the case. Like the SMS, it names the child by first name only.
 */
@Singleton
@Transactional
public class CapRendering {
  static final String NS = "urn:oasis:names:tc:emergency:cap:1.2";
  private static final DateTimeFormatter CAP_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

  private record AlertRow(
      UUID id,
      int sequence,
      String msgType,
      String reason,
      Instant createdAt,
      GeoPoint center,
      long radius) {}

  private final Db db;
  private final Cases cases;
  private final AlertTexts texts;
  private final String sender;

  CapRendering(
      Db db, Cases cases, AlertTexts texts, @Value("${saknad.public-base-url}") String base) {
    this.db = db;
    this.cases = cases;
    this.texts = texts;
    String host = URI.create(base).getHost();
    this.sender = "saknad@" + (host == null ? "localhost" : host);
  }

  public String render(UUID caseId, UUID alertId) {
    return render(caseId, alertId, null);
  }

  /**
   * The alert as CAP, with {@code <addresses>} naming {@code addressee} when one is given (the
   * partner system reading it); CAP separates addresses by spaces, so a name is quoted.
   */
  public String render(UUID caseId, UUID alertId, String addressee) {
    List<AlertRow> all =
        db.list(
            "SELECT id, sequence, msg_type, reason, created_at, ST_Y(center::geometry) AS c_lat,"
                + " ST_X(center::geometry) AS c_lon, radius_meters FROM alert WHERE case_id = ?"
                + " ORDER BY sequence",
            rs ->
                new AlertRow(
                    Db.uuid(rs, "id"),
                    rs.getInt("sequence"),
                    rs.getString("msg_type"),
                    rs.getString("reason"),
                    Db.instant(rs, "created_at"),
                    GeoPoint.read(rs, "c"),
                    rs.getLong("radius_meters")),
            caseId);
    AlertRow alert =
        all.stream()
            .filter(a -> a.id().equals(alertId))
            .findFirst()
            .orElseThrow(() -> ProblemException.notFound("alert"));
    CaseFacts c = cases.facts(caseId).orElseThrow();
    List<String> municipalities =
        db.list(
            "SELECT code FROM municipality WHERE ST_DWithin(geog, ST_GeogFromText(?), ?) ORDER BY code",
            rs -> rs.getString(1).trim(),
            alert.center(),
            (double) alert.radius());
    try {
      StringWriter out = new StringWriter();
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeStartElement("alert");
      xml.writeDefaultNamespace(NS);
      element(xml, "identifier", identifier(alert));
      element(xml, "sender", sender);
      element(xml, "sent", time(alert.createdAt()));
      element(xml, "status", "Actual");
      element(xml, "msgType", alert.msgType());
      element(xml, "scope", "Restricted");
      element(
          xml,
          "restriction",
          "Endast för mottagare av larm i Saknad (polis, socialtjänst, god man, boenden, Migrationsverket)");
      if (addressee != null) {
        element(xml, "addresses", "\"" + addressee.replace("\"", "'") + "\"");
      }
      List<AlertRow> earlier = all.stream().filter(a -> a.sequence() < alert.sequence()).toList();
      if (!earlier.isEmpty()) {
        StringBuilder refs = new StringBuilder();
        for (AlertRow e : earlier) {
          if (refs.length() > 0) {
            refs.append(' ');
          }
          refs.append(sender)
              .append(',')
              .append(identifier(e))
              .append(',')
              .append(time(e.createdAt()));
        }
        element(xml, "references", refs.toString());
      }
      element(xml, "incidents", "saknad-case-" + caseId);
      boolean cancel = "Cancel".equals(alert.msgType());
      boolean withdrawn = cancel && "WITHDRAWN".equals(alert.reason());
      xml.writeStartElement("info");
      element(xml, "language", "sv-SE");
      element(xml, "category", "Rescue");
      element(xml, "event", "Försvunnet barn");
      element(xml, "urgency", cancel ? "Past" : "Immediate");
      element(xml, "severity", cancel ? "Minor" : severity(c));
      element(xml, "certainty", cancel ? "Observed" : "Likely");
      element(xml, "senderName", "Saknad");
      element(
          xml,
          "headline",
          "Ärende "
              + c.code()
              + (withdrawn
                  ? ": larmet återkallas"
                  : cancel ? ": barnet är tillbaka" : ": försvunnet barn"));
      element(
          xml,
          "description",
          withdrawn
              ? texts.withdrawn(c)
              : cancel
                  ? texts.cancel(c)
                  : texts.alert(
                      c, "Alert".equals(alert.msgType()) ? AlertKind.ALERT : AlertKind.UPDATE));
      if (!cancel) {
        element(xml, "instruction", "Svara OK " + c.code() + " på larm-SMS:et för att kvittera.");
      }
      element(xml, "web", texts.link(c));
      xml.writeStartElement("area");
      element(xml, "areaDesc", "Sökområde, " + Math.round(alert.radius() / 1000.0) + " km radie");
      element(
          xml,
          "circle",
          String.format(
              Locale.ROOT,
              "%.5f,%.5f %.1f",
              alert.center().lat(),
              alert.center().lon(),
              alert.radius() / 1000.0));
      for (String code : municipalities) {
        xml.writeStartElement("geocode");
        element(xml, "valueName", "SCB-kommunkod");
        element(xml, "value", code);
        xml.writeEndElement();
      }
      xml.writeEndElement();
      xml.writeEndElement();
      xml.writeEndElement();
      xml.writeEndDocument();
      xml.close();
      return out.toString();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("CAP rendering failed", e);
    }
  }

  private static String identifier(AlertRow alert) {
    return "saknad-" + alert.id();
  }

  /** CAP wants an explicit offset, never Z: Swedish local time. */
  private static String time(Instant at) {
    return CAP_TIME.format(at.truncatedTo(ChronoUnit.SECONDS).atZone(se.saknad.common.Sweden.ZONE));
  }

  private static String severity(CaseFacts c) {
    return switch (c.riskLevel()) {
      case HIGH, ELEVATED -> "Severe";
      case STANDARD -> "Moderate";
    };
  }

  private static void element(XMLStreamWriter xml, String name, String text)
      throws XMLStreamException {
    xml.writeStartElement(name);
    xml.writeCharacters(StorableText.forXml(text));
    xml.writeEndElement();
  }
}
