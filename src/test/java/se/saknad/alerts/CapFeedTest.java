package se.saknad.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import se.saknad.support.ApiTest;

/**
 * Partner systems take alerts as CAP from an Atom feed (`GET /api/v1/cap/feed.atom`): scoped by
 * their coverage like any recipient, one entry per case alert linking to its newest CAP message,
 * cheap to poll, audited, and never showing another partner's alerts.
 */
@MicronautTest(transactional = false)
class CapFeedTest extends ApiTest {
  static final String ATOM = "http://www.w3.org/2005/Atom";

  @Inject EmbeddedServer server;

  private final HttpClient raw = HttpClient.newHttpClient();
  private UUID home;
  private String staff;
  private UUID stockholmPartner;
  private String stockholmFeed;
  private String malmoFeed;

  @BeforeAll
  void twoPartnersAndAHome() {
    home = aHome().at(TYRESO_CENTRUM).create();
    staff = staffOf(home);
    stockholmPartner =
        aRecipient()
            .named("Ledningscentral Stockholm (flöde)")
            .kind("PARTNER")
            .covering("0138")
            .contact("Driftansvarig", "+46701888401")
            .create();
    UUID malmoPartner =
        aRecipient()
            .named("116 000 Malmö (flöde)")
            .kind("PARTNER")
            .covering("1280")
            .contact("Driftansvarig", "+46701888402")
            .create();
    stockholmFeed = aUser().role("PARTNER").forRecipient(stockholmPartner).create();
    malmoFeed = aUser().role("PARTNER").forRecipient(malmoPartner).create();
  }

  private HttpResponse<String> feed(String token, String ifNoneMatch) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.getURL() + "/api/v1/cap/feed.atom"));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (ifNoneMatch != null) {
      request.header("If-None-Match", ifNoneMatch);
    }
    return raw.send(request.GET().build(), BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String token, String url) throws Exception {
    return raw.send(
        HttpRequest.newBuilder(
                URI.create(url.replaceFirst("^https?://[^/]+", server.getURL().toString())))
            .header("Authorization", "Bearer " + token)
            .GET()
            .build(),
        BodyHandlers.ofString());
  }

  private static Document xml(String text) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    return factory.newDocumentBuilder().parse(new InputSource(new StringReader(text)));
  }

  /** The entries of a feed, checked against what Atom 1.0 (RFC 4287) requires of each. */
  private static List<Element> entries(String feed) throws Exception {
    Element root = xml(feed).getDocumentElement();
    assertEquals(ATOM, root.getNamespaceURI());
    assertEquals("feed", root.getLocalName());
    for (String required : List.of("id", "title", "updated", "author")) {
      assertEquals(1, children(root, required).size(), "feed/" + required);
    }
    List<Element> entries = children(root, "entry");
    for (Element entry : entries) {
      for (String required : List.of("id", "title", "updated")) {
        assertEquals(1, children(entry, required).size(), "entry/" + required);
      }
      OffsetDateTime.parse(text(entry, "updated"));
    }
    OffsetDateTime.parse(text(root, "updated"));
    return entries;
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i) instanceof Element e
          && ATOM.equals(e.getNamespaceURI())
          && name.equals(e.getLocalName())) {
        found.add(e);
      }
    }
    return found;
  }

  private static String text(Element parent, String name) {
    return children(parent, name).get(0).getTextContent();
  }

  private static Element entryOf(List<Element> entries, String caseId) {
    return entries.stream()
        .filter(e -> text(e, "id").endsWith(caseId))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no entry for " + caseId));
  }

  private static String capLink(Element entry) {
    Element link = children(entry, "link").get(0);
    assertEquals("alternate", link.getAttribute("rel"));
    assertEquals("application/cap+xml", link.getAttribute("type"));
    return link.getAttribute("href");
  }

  private long audited(String caseId) {
    return ((Number)
            column(
                    "SELECT count(*) FROM audit_event WHERE action = 'CAP_FEED_READ'"
                        + " AND case_id = ?::uuid AND actor_role = 'PARTNER'",
                    caseId)
                .get(0))
        .longValue();
  }

  @Test
  void aPartnerReadsTheAlertsOfItsCoverageAsCapAndACancelMovesTheEntry() throws Exception {
    UUID child = aChild().inHome(home).named("Flödesbarn", "Atomsson").create();
    String caseId =
        aReport()
            .of(child)
            .by(staff)
            .minutesAgo(20)
            .lastSeenAt(TYRESO_CENTRUM)
            .risk("STANDARD")
            .create()
            .string("id");

    HttpResponse<String> first = feed(stockholmFeed, null);
    assertEquals(200, first.statusCode(), first.body());
    assertTrue(
        first
            .headers()
            .firstValue("Content-Type")
            .orElseThrow()
            .startsWith("application/atom+xml"));
    String etag = first.headers().firstValue("ETag").orElseThrow();
    Element entry = entryOf(entries(first.body()), caseId);
    assertFalse(first.body().contains("Flödesbarn"), "no name in the feed itself");
    assertFalse(first.body().contains("Atomsson"));

    HttpResponse<String> cap = get(stockholmFeed, capLink(entry));
    assertEquals(200, cap.statusCode(), cap.body());
    Validator validator =
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
            .newSchema(getClass().getResource("/cap/cap-1.2.xsd"))
            .newValidator();
    validator.validate(new StreamSource(new StringReader(cap.body())));
    assertTrue(cap.body().contains("<scope>Restricted</scope>"), cap.body());
    assertTrue(
        cap.body().contains("<addresses>\"Ledningscentral Stockholm (flöde)\"</addresses>"),
        cap.body());
    assertTrue(cap.body().contains("<msgType>Alert</msgType>"));
    assertFalse(cap.body().contains("Atomsson"), "CAP names the child by first name only");

    HttpResponse<String> unchanged = feed(stockholmFeed, etag);
    assertEquals(304, unchanged.statusCode());
    assertEquals("", unchanged.body());
    assertEquals(etag, unchanged.headers().firstValue("ETag").orElseThrow());
    assertTrue(audited(caseId) >= 2, "every read is audited, the 304 too");

    Thread.sleep(1100); // the feed's times are in whole seconds
    aReturn().of(caseId).by(staff).at(OffsetDateTime.now()).foundBy("Personal").create();
    HttpResponse<String> afterCancel = feed(stockholmFeed, etag);
    assertEquals(200, afterCancel.statusCode(), "the Cancel changed the feed");
    assertNotEquals(etag, afterCancel.headers().firstValue("ETag").orElseThrow());
    Element cancelled = entryOf(entries(afterCancel.body()), caseId);
    assertTrue(
        OffsetDateTime.parse(text(cancelled, "updated"))
            .isAfter(OffsetDateTime.parse(text(entry, "updated"))),
        "updated moves with the Cancel");
    String cancel = get(stockholmFeed, capLink(cancelled)).body();
    validator.validate(new StreamSource(new StringReader(cancel)));
    assertTrue(cancel.contains("<msgType>Cancel</msgType>"), cancel);
    assertTrue(cancel.contains("<references>"), cancel);
  }

  @Test
  void anotherPartnersAlertsNeverAppear() throws Exception {
    UUID child = aChild().inHome(home).named("Bara", "Stockholmsson").create();
    String caseId =
        aReport()
            .of(child)
            .by(staff)
            .minutesAgo(10)
            .lastSeenAt(TYRESO_CENTRUM)
            .risk("STANDARD")
            .create()
            .string("id");
    String malmo = feed(malmoFeed, null).body();
    assertFalse(malmo.contains(caseId), "Malmö's partner is not in the audience of Tyresö");
    for (Element entry : entries(malmo)) {
      assertFalse(capLink(entry).contains(caseId));
    }
    String alertId = as(staff).get("/api/v1/cases/" + caseId).string("alert.id");
    HttpResponse<String> cap =
        get(malmoFeed, server.getURL() + "/api/v1/cases/" + caseId + "/alerts/" + alertId + "/cap");
    assertEquals(404, cap.statusCode(), "out of the partner's scope: as if it did not exist");
    assertEquals(
        0L,
        ((Number)
                column(
                        "SELECT count(*) FROM delivery WHERE case_id = ?::uuid AND recipient_id = ?",
                        caseId,
                        stockholmPartner)
                    .get(0))
            .longValue(),
        "a partner takes the alert from its feed, never by SMS");
  }

  @Test
  void theFeedIsForPartnersOnlyAndPartnersReadNothingElse() throws Exception {
    assertEquals(401, feed(null, null).statusCode());
    assertEquals(403, feed(aUser().police("STOCKHOLM").create(), null).statusCode());
    assertEquals(403, feed(aUser().coordinator().create(), null).statusCode());
    HttpResponse<String> cases = get(stockholmFeed, server.getURL() + "/api/v1/cases");
    assertEquals(403, cases.statusCode(), "a partner system reads no case view");
    assertEquals(200, feed(stockholmFeed, "W/\"not-the-tag\", garbage").statusCode());

    UUID policeDesk = aRecipient().police().coveringRegion("STOCKHOLM").create();
    var refused =
        problemOf(
            422,
            () ->
                as(adminToken())
                    .post(
                        "/api/v1/users",
                        Map.of(
                            "username",
                            "partner-" + UUID.randomUUID(),
                            "password",
                            PASSWORD,
                            "role",
                            "PARTNER",
                            "recipientId",
                            policeDesk)));
    assertTrue(refused.toString().contains("recipientId"), refused.toString());
  }
}
