package se.saknad.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.saknad.support.ApiTest;
import se.saknad.support.Json;
import se.saknad.support.RecipientBuilder;

@MicronautTest(transactional = false)
class GeoScopedAlertingTest extends ApiTest {
  @Inject WideningSearchAreas widening;

  private UUID home;
  private String staff;
  private String coordinator;
  private UUID stockholmPolice;
  private UUID sydPolice;
  private UUID tyresoSocial;
  private UUID umeaSocial;
  private UUID malmoSocial;
  private UUID nearbyShelter;
  private UUID kirunaShelter;

  @BeforeAll
  void recipients() {
    home = aHome().at(TYRESO_CENTRUM).create();
    staff = staffOf(home);
    coordinator = aUser().coordinator().create();
    stockholmPolice =
        recipient("Polisregion Stockholm RLC", "+46701000001", "+46701000002")
            .police()
            .coveringRegion("STOCKHOLM")
            .create();
    sydPolice =
        recipient("Polisregion Syd RLC", "+46701000003").police().coveringRegion("SYD").create();
    tyresoSocial =
        recipient("Tyresö socialtjänst", "+46701000004").socialServices().covering("0138").create();
    umeaSocial =
        recipient("Umeå socialtjänst", "+46701000005").socialServices().covering("2480").create();
    malmoSocial =
        recipient("Malmö socialtjänst", "+46701000006").socialServices().covering("1280").create();
    // Haninge, ~12 km south of Tyresö centrum, 3 km circle: inside a HIGH (30 km) area.
    nearbyShelter =
        recipient("Jourhem Haninge", "+46701000007")
            .shelter()
            .coveringCircle(Map.of("lat", 59.17, "lon", 18.14), 3000)
            .create();
    kirunaShelter =
        recipient("Kiruna jour", "+46701000008").shelter().coveringCircle(KIRUNA, 10000).create();
  }

  /** A recipient with these contacts, in order. */
  private RecipientBuilder recipient(String name, String... phones) {
    RecipientBuilder recipient = aRecipient().named(name);
    for (int i = 0; i < phones.length; i++) {
      recipient.contact("Kontakt " + (i + 1), phones[i]);
    }
    return recipient;
  }

  private Json reportMissing(String risk, int minutesAgo) {
    UUID child =
        aChild().inHome(home).named("Yusuf", "Haidari").responsibleMunicipality("2480").create();
    return aReport()
        .of(child)
        .by(staff)
        .lastSeen(OffsetDateTime.now(ZoneOffset.ofHours(1)).minusMinutes(minutesAgo))
        .lastSeenAt(TYRESO_CENTRUM)
        .place("Tyresö centrum, vid busshållplatsen")
        .clothing("Svart dunjacka, blå jeans, vita skor")
        .risk(risk)
        .create();
  }

  private static Set<UUID> alerted(Json opened) {
    return new HashSet<>(opened.uuids("alert.recipients[*].id"));
  }

  private List<Json> alerts(UUID caseId) {
    return as(coordinator).get("/api/v1/cases/" + caseId).list("alerts");
  }

  private void sightedInMalmo(UUID caseId, int minutesAgo) {
    String police = aUser().police("STOCKHOLM").create();
    as(police)
        .post(
            "/api/v1/cases/" + caseId + "/sightings",
            Map.of(
                "seenAt",
                OffsetDateTime.now().minusMinutes(minutesAgo).toString(),
                "location",
                MALMO));
  }

  @Test
  void aReportAtTyresoAlertsTheRightAgenciesAndNoOthers() {
    Json opened = reportMissing("HIGH", 10);
    Set<UUID> alerted = alerted(opened);
    assertTrue(
        alerted.containsAll(Set.of(stockholmPolice, tyresoSocial, umeaSocial, nearbyShelter)),
        alerted.toString());
    assertFalse(alerted.contains(sydPolice));
    assertFalse(alerted.contains(malmoSocial));
    assertFalse(alerted.contains(kirunaShelter));

    List<Json> alerts = alerts(opened.id());
    assertEquals(1, alerts.size());
    assertEquals("Alert", alerts.get(0).string("msgType"));
    // One delivery per alerted recipient to its first contact, plus the guardian.
    Set<String> phones = new HashSet<>(alerts.get(0).strings("deliveries[*].phone"));
    assertTrue(phones.containsAll(Set.of("+46701000001", "+46701234567")), phones.toString());
    assertFalse(phones.contains("+46701000002"), "the second police contact waits for escalation");
    assertTrue(
        Set.of("QUEUED", "SENDING", "SENT", "DELIVERED")
            .containsAll(alerts.get(0).strings("deliveries[*].status")));
  }

  @Test
  void theSmsCarriesNoFamilyNameOrDossierNumberAndFitsTwoSegments() throws Exception {
    Json opened = reportMissing("HIGH", 10);
    String body =
        column("SELECT body FROM delivery WHERE case_id = ?", opened.id()).get(0).toString();
    assertTrue(body.contains("Yusuf"), body);
    assertFalse(body.contains("Haidari"), body);
    assertTrue(body.contains("Svara OK " + opened.string("code")), body);
    assertTrue(
        body.contains("http://saknad.test" + se.saknad.cases.CaseLinks.path(opened.id())), body);
    assertTrue(body.length() <= AlertTexts.TWO_SEGMENTS, body.length() + ": " + body);
  }

  @Test
  void aSightingInMalmoAlertsSydAndMalmoWithAnUpdateAndNobodyAlreadyAlerted() {
    UUID id = reportMissing("HIGH", 10).id();
    String police = aUser().police("STOCKHOLM").create();
    as(police)
        .post(
            "/api/v1/cases/" + id + "/sightings",
            Map.of(
                "seenAt",
                OffsetDateTime.now().minusMinutes(1).toString(),
                "location",
                MALMO,
                "note",
                "Centralstationen"));
    List<Json> alerts = alerts(id);
    assertEquals(2, alerts.size());
    Json update = alerts.get(1);
    assertEquals("Update", update.string("msgType"));
    Set<UUID> updated = new HashSet<>(update.uuids("deliveries[*].recipientId"));
    assertTrue(updated.containsAll(Set.of(sydPolice, malmoSocial)), updated.toString());
    for (UUID already : List.of(stockholmPolice, tyresoSocial, umeaSocial, nearbyShelter)) {
      assertFalse(updated.contains(already), already.toString());
    }
  }

  @Test
  void wideningOverTimeAddsRecipientsExactlyOnce() throws Exception {
    Json opened = reportMissing("STANDARD", 10);
    UUID id = opened.id();
    assertFalse(alerted(opened).contains(nearbyShelter), "5 km does not reach Haninge");
    widening.widenAll();
    assertEquals(1, alerts(id).size(), "nothing changed, nobody new");
    // Two hours pass: 5 km + 2 x 5 km reaches the shelter 12 km away.
    sql(
        "UPDATE disappearance_case SET last_seen_at = last_seen_at - interval '2 hours' WHERE id = ?",
        id);
    assertEquals(
        15000, as(coordinator).get("/api/v1/cases/" + id).integer("searchArea.radiusMeters"));
    widening.widenAll();
    widening.widenAll();
    List<Json> alerts = alerts(id);
    assertEquals(2, alerts.size());
    Set<UUID> updated = new HashSet<>(alerts.get(1).uuids("deliveries[*].recipientId"));
    assertTrue(updated.contains(nearbyShelter), updated.toString());
    assertFalse(updated.contains(stockholmPolice));
  }

  @Test
  void theReturnSendsOneCancelToEveryEarlierContact() {
    UUID id = reportMissing("HIGH", 10).id();
    sightedInMalmo(id, 2);
    aReturn()
        .of(id)
        .by(staff)
        .at(OffsetDateTime.now().minusMinutes(1))
        .foundBy("Personal")
        .create();
    List<Json> alerts = alerts(id);
    Json cancel = alerts.get(alerts.size() - 1);
    assertEquals("Cancel", cancel.string("msgType"));
    // Told: every earlier delivery that went out. One still queued at the return was withdrawn
    // instead, and its phone needs no Cancel.
    Set<String> earlier =
        alerts.subList(0, alerts.size() - 1).stream()
            .flatMap(
                a ->
                    a
                        .strings(
                            "deliveries[?(@.status nin ['WITHDRAWN', 'FAILED', 'UNDELIVERED'])].phone")
                        .stream())
            .collect(Collectors.toSet());
    assertFalse(earlier.isEmpty());
    List<String> cancelled = cancel.strings("deliveries[*].phone");
    assertEquals(earlier, Set.copyOf(cancelled));
    assertEquals(cancelled.size(), Set.copyOf(cancelled).size(), "one Cancel per contact");
  }

  @Test
  void everyRenderedAlertValidatesAsCap12() throws Exception {
    UUID id = reportMissing("ELEVATED", 10).id();
    sightedInMalmo(id, 2);
    aReturn()
        .of(id)
        .by(staff)
        .at(OffsetDateTime.now().minusMinutes(1))
        .foundBy("Personal")
        .create();
    Validator validator =
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
            .newSchema(getClass().getResource("/cap/cap-1.2.xsd"))
            .newValidator();
    List<Json> alerts = alerts(id);
    assertEquals(3, alerts.size());
    for (Json alert : alerts) {
      String xml =
          as(coordinator)
              .exchange(HttpRequest.GET("/api/v1/cases/" + id + "/alerts/" + alert.id() + "/cap"))
              .body();
      validator.validate(new StreamSource(new StringReader(xml)));
      assertTrue(xml.contains("<scope>Restricted</scope>"));
      assertTrue(xml.contains("<category>Rescue</category>"));
      assertFalse(xml.contains("Haidari"));
      assertFalse(xml.matches("(?s).*<sent>[^<]*Z</sent>.*"), "sent carries an offset");
      if (!"Alert".equals(alert.string("msgType"))) {
        assertTrue(xml.contains("<references>"), xml);
      }
    }
    String geojson =
        as(coordinator).exchange(HttpRequest.GET("/api/v1/cases/" + id + "/area.geojson")).body();
    assertTrue(geojson.contains("SEARCH_AREA"));
  }

  @Test
  void onlyAdministratorsAndCoordinatorsManageRecipients() {
    Map<String, Object> body =
        Map.of(
            "name",
            "X",
            "kind",
            "OTHER",
            "coverage",
            Map.of("countyCodes", List.of("01")),
            "contacts",
            List.of(Map.of("name", "a", "phone", "+46701000099")));
    problemOf(403, () -> as(staff).post("/api/v1/recipients", body));
    String police = aUser().police("SYD").create();
    problemOf(403, () -> as(police).post("/api/v1/recipients", body));
    UUID id = as(coordinator).post("/api/v1/recipients", body).id();
    assertEquals("X", as(adminToken()).get("/api/v1/recipients/" + id).string("name"));
  }

  /** The fields named in the refusal of a recipient with this coverage and contact phone. */
  private List<String> refusedFields(Map<String, Object> coverage, String phone) {
    return errorFields(
        problemOf(
            422,
            () ->
                aRecipient()
                    .named("X")
                    .kind("OTHER")
                    .coverage(coverage)
                    .contact("a", phone)
                    .create()));
  }

  @Test
  void badRecipientsAreRefusedAndNothingIsStored() {
    int before = as(adminToken()).get("/api/v1/recipients").size();
    String phone = "+46701000099";
    assertEquals(
        List.of("coverage.municipalityCodes"),
        refusedFields(Map.of("municipalityCodes", List.of("9999")), phone));
    Map<String, Object> bowtie =
        Map.of(
            "type",
            "Polygon",
            "coordinates",
            List.of(
                List.of(
                    List.of(18.0, 59.0),
                    List.of(18.2, 59.2),
                    List.of(18.2, 59.0),
                    List.of(18.0, 59.2),
                    List.of(18.0, 59.0))));
    assertEquals(List.of("coverage.geojson"), refusedFields(Map.of("geojson", bowtie), phone));
    assertEquals(
        List.of("coverage.geojson"),
        refusedFields(
            Map.of("geojson", Map.of("type", "Polygon", "coordinates", "nonsense")), phone));
    assertEquals(
        List.of("coverage.radiusMeters"),
        refusedFields(Map.of("center", TYRESO_CENTRUM, "radiusMeters", 600000), phone));
    assertEquals(
        List.of("contacts[0].phone"), refusedFields(Map.of("countyCodes", List.of("01")), "+4612"));
    assertEquals(
        List.of("coverage"),
        refusedFields(Map.of("countyCodes", List.of("01"), "policeRegion", "SYD"), phone));
    assertEquals(before, as(adminToken()).get("/api/v1/recipients").size());
  }

  @Test
  void aDeletedRecipientIsNeverAlertedAgain() {
    UUID gone =
        recipient("Nedlagt jourhem", "+46701000010")
            .shelter()
            .coveringCircle(TYRESO_CENTRUM, 2000)
            .create();
    as(adminToken()).delete("/api/v1/recipients/" + gone);
    assertFalse(alerted(reportMissing("HIGH", 10)).contains(gone));
    problemOf(404, () -> as(adminToken()).get("/api/v1/recipients/" + gone));
  }
}
