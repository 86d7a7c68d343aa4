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
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
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

@MicronautTest(transactional = false)
class GeoScopedAlertingTest extends ApiTest {
  @Inject WideningSearchAreas widening;

  private UUID home;
  private String staff;
  private String coordinator;
  private String stockholmPolice;
  private String sydPolice;
  private String tyresoSocial;
  private String umeaSocial;
  private String malmoSocial;
  private String nearbyShelter;
  private String kirunaShelter;

  @BeforeAll
  void recipients() {
    home = newHome(TYRESO_CENTRUM);
    staff = userToken("HVB_STAFF", Map.of("homeId", home));
    coordinator = userToken("COORDINATOR", Map.of());
    stockholmPolice =
        recipient(
            "Polisregion Stockholm RLC",
            "POLICE",
            Map.of("policeRegion", "STOCKHOLM"),
            "+46701000001",
            "+46701000002");
    sydPolice =
        recipient("Polisregion Syd RLC", "POLICE", Map.of("policeRegion", "SYD"), "+46701000003");
    tyresoSocial =
        recipient(
            "Tyresö socialtjänst",
            "SOCIAL_SERVICES",
            Map.of("municipalityCodes", List.of("0138")),
            "+46701000004");
    umeaSocial =
        recipient(
            "Umeå socialtjänst",
            "SOCIAL_SERVICES",
            Map.of("municipalityCodes", List.of("2480")),
            "+46701000005");
    malmoSocial =
        recipient(
            "Malmö socialtjänst",
            "SOCIAL_SERVICES",
            Map.of("municipalityCodes", List.of("1280")),
            "+46701000006");
    // Haninge, ~12 km south of Tyresö centrum, 3 km circle: inside a HIGH (30 km) area.
    nearbyShelter =
        recipient(
            "Jourhem Haninge",
            "SHELTER",
            Map.of("center", Map.of("lat", 59.17, "lon", 18.14), "radiusMeters", 3000),
            "+46701000007");
    kirunaShelter =
        recipient(
            "Kiruna jour",
            "SHELTER",
            Map.of("center", KIRUNA, "radiusMeters", 10000),
            "+46701000008");
  }

  private String recipient(
      String name, String kind, Map<String, Object> coverage, String... phones) {
    List<Map<String, String>> contacts = new java.util.ArrayList<>();
    for (int i = 0; i < phones.length; i++) {
      contacts.add(Map.of("name", "Kontakt " + (i + 1), "phone", phones[i]));
    }
    return (String)
        post(
                adminToken(),
                "/api/v1/recipients",
                Map.of("name", name, "kind", kind, "coverage", coverage, "contacts", contacts))
            .get("id");
  }

  private Map<String, Object> reportMissing(String risk, int minutesAgo) {
    Map<String, Object> profile = profile(home, "Yusuf", "Haidari");
    profile.put("responsibleMunicipalityCode", "2480");
    UUID child = newChild(staff, profile);
    Map<String, Object> report = new HashMap<>();
    report.put(
        "lastSeenAt",
        OffsetDateTime.now(ZoneOffset.ofHours(1))
            .minusMinutes(minutesAgo)
            .truncatedTo(ChronoUnit.SECONDS)
            .toString());
    report.put("lastSeenLocation", TYRESO_CENTRUM);
    report.put("lastSeenPlace", "Tyresö centrum, vid busshållplatsen");
    report.put("clothing", "Svart dunjacka, blå jeans, vita skor");
    report.put("riskLevel", risk);
    return post(staff, "/api/v1/children/" + child + "/disappearances", report);
  }

  @SuppressWarnings("unchecked")
  private static Set<String> alerted(Map<String, Object> opened) {
    Map<String, Object> alert = (Map<String, Object>) opened.get("alert");
    return ((List<Map<String, Object>>) alert.get("recipients"))
        .stream().map(r -> String.valueOf(r.get("id"))).collect(Collectors.toSet());
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> alerts(String caseId) {
    return (List<Map<String, Object>>) get(coordinator, "/api/v1/cases/" + caseId).get("alerts");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> deliveries(Map<String, Object> alert) {
    return (List<Map<String, Object>>) alert.get("deliveries");
  }

  @Test
  void aReportAtTyresoAlertsTheRightAgenciesAndNoOthers() {
    Map<String, Object> opened = reportMissing("HIGH", 10);
    Set<String> alerted = alerted(opened);
    assertTrue(
        alerted.containsAll(Set.of(stockholmPolice, tyresoSocial, umeaSocial, nearbyShelter)),
        alerted.toString());
    assertFalse(alerted.contains(sydPolice));
    assertFalse(alerted.contains(malmoSocial));
    assertFalse(alerted.contains(kirunaShelter));

    List<Map<String, Object>> alerts = alerts((String) opened.get("id"));
    assertEquals(1, alerts.size());
    assertEquals("Alert", alerts.get(0).get("msgType"));
    List<Map<String, Object>> deliveries = deliveries(alerts.get(0));
    // One delivery per alerted recipient to its first contact, plus the guardian.
    Set<Object> phones = deliveries.stream().map(d -> d.get("phone")).collect(Collectors.toSet());
    assertTrue(phones.containsAll(Set.of("+46701000001", "+46701234567")), phones.toString());
    assertFalse(phones.contains("+46701000002"), "the second police contact waits for escalation");
    assertTrue(
        deliveries.stream()
            .allMatch(
                d -> Set.of("QUEUED", "SENDING", "SENT", "DELIVERED").contains(d.get("status"))));
  }

  @Test
  void theSmsCarriesNoFamilyNameOrDossierNumberAndFitsTwoSegments() throws Exception {
    Map<String, Object> opened = reportMissing("HIGH", 10);
    String body =
        (String)
            column(
                    "SELECT body FROM delivery WHERE case_id = ?",
                    UUID.fromString((String) opened.get("id")))
                .get(0);
    assertTrue(body.contains("Yusuf"), body);
    assertFalse(body.contains("Haidari"), body);
    assertTrue(body.contains("Svara OK " + opened.get("code")), body);
    assertTrue(
        body.contains(
            "http://saknad.test"
                + se.saknad.cases.CaseLinks.path(UUID.fromString((String) opened.get("id")))),
        body);
    assertTrue(body.length() <= AlertTexts.TWO_SEGMENTS, body.length() + ": " + body);
  }

  @Test
  void aSightingInMalmoAlertsSydAndMalmoWithAnUpdateAndNobodyAlreadyAlerted() {
    Map<String, Object> opened = reportMissing("HIGH", 10);
    String id = (String) opened.get("id");
    String police = userToken("POLICE", Map.of("policeRegion", "STOCKHOLM"));
    post(
        police,
        "/api/v1/cases/" + id + "/sightings",
        Map.of(
            "seenAt",
            OffsetDateTime.now().minusMinutes(1).toString(),
            "location",
            MALMO,
            "note",
            "Centralstationen"));
    List<Map<String, Object>> alerts = alerts(id);
    assertEquals(2, alerts.size());
    Map<String, Object> update = alerts.get(1);
    assertEquals("Update", update.get("msgType"));
    Set<Object> updated =
        deliveries(update).stream().map(d -> d.get("recipientId")).collect(Collectors.toSet());
    assertTrue(updated.containsAll(Set.of(sydPolice, malmoSocial)), updated.toString());
    for (String already : List.of(stockholmPolice, tyresoSocial, umeaSocial, nearbyShelter)) {
      assertFalse(updated.contains(already), already);
    }
  }

  @Test
  void wideningOverTimeAddsRecipientsExactlyOnce() throws Exception {
    Map<String, Object> opened = reportMissing("STANDARD", 10);
    String id = (String) opened.get("id");
    assertFalse(alerted(opened).contains(nearbyShelter), "5 km does not reach Haninge");
    widening.widenAll();
    assertEquals(1, alerts(id).size(), "nothing changed, nobody new");
    // Two hours pass: 5 km + 2 x 5 km reaches the shelter 12 km away.
    sql(
        "UPDATE disappearance_case SET last_seen_at = last_seen_at - interval '2 hours' WHERE id = ?",
        UUID.fromString(id));
    Map<?, ?> area = (Map<?, ?>) get(coordinator, "/api/v1/cases/" + id).get("searchArea");
    assertEquals(15000, ((Number) area.get("radiusMeters")).intValue());
    widening.widenAll();
    widening.widenAll();
    List<Map<String, Object>> alerts = alerts(id);
    assertEquals(2, alerts.size());
    Set<Object> updated =
        deliveries(alerts.get(1)).stream()
            .map(d -> d.get("recipientId"))
            .collect(Collectors.toSet());
    assertTrue(updated.contains(nearbyShelter), updated.toString());
    assertFalse(updated.contains(stockholmPolice));
  }

  @Test
  void theReturnSendsOneCancelToEveryEarlierContact() {
    Map<String, Object> opened = reportMissing("HIGH", 10);
    String id = (String) opened.get("id");
    String police = userToken("POLICE", Map.of("policeRegion", "STOCKHOLM"));
    post(
        police,
        "/api/v1/cases/" + id + "/sightings",
        Map.of("seenAt", OffsetDateTime.now().minusMinutes(2).toString(), "location", MALMO));
    post(
        staff,
        "/api/v1/cases/" + id + "/return",
        Map.of(
            "returnedAt",
            OffsetDateTime.now().minusMinutes(1).toString(),
            "foundBy",
            "Personal",
            "condition",
            "Oskadd"));
    List<Map<String, Object>> alerts = alerts(id);
    Map<String, Object> cancel = alerts.get(alerts.size() - 1);
    assertEquals("Cancel", cancel.get("msgType"));
    Set<Object> earlier =
        alerts.subList(0, alerts.size() - 1).stream()
            .flatMap(a -> deliveries(a).stream())
            .map(d -> d.get("phone"))
            .collect(Collectors.toSet());
    List<Object> cancelled = deliveries(cancel).stream().map(d -> d.get("phone")).toList();
    assertEquals(earlier, Set.copyOf(cancelled));
    assertEquals(cancelled.size(), Set.copyOf(cancelled).size(), "one Cancel per contact");
  }

  @Test
  void everyRenderedAlertValidatesAsCap12() throws Exception {
    Map<String, Object> opened = reportMissing("ELEVATED", 10);
    String id = (String) opened.get("id");
    String police = userToken("POLICE", Map.of("policeRegion", "STOCKHOLM"));
    post(
        police,
        "/api/v1/cases/" + id + "/sightings",
        Map.of("seenAt", OffsetDateTime.now().minusMinutes(2).toString(), "location", MALMO));
    post(
        staff,
        "/api/v1/cases/" + id + "/return",
        Map.of(
            "returnedAt",
            OffsetDateTime.now().minusMinutes(1).toString(),
            "foundBy",
            "Personal",
            "condition",
            "Oskadd"));
    Validator validator =
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
            .newSchema(getClass().getResource("/cap/cap-1.2.xsd"))
            .newValidator();
    List<Map<String, Object>> alerts = alerts(id);
    assertEquals(3, alerts.size());
    for (Map<String, Object> alert : alerts) {
      String xml =
          http()
              .retrieve(
                  HttpRequest.GET("/api/v1/cases/" + id + "/alerts/" + alert.get("id") + "/cap")
                      .bearerAuth(coordinator),
                  String.class);
      validator.validate(new StreamSource(new StringReader(xml)));
      assertTrue(xml.contains("<scope>Restricted</scope>"));
      assertTrue(xml.contains("<category>Rescue</category>"));
      assertFalse(xml.contains("Haidari"));
      assertFalse(xml.matches("(?s).*<sent>[^<]*Z</sent>.*"), "sent carries an offset");
      if (!"Alert".equals(alert.get("msgType"))) {
        assertTrue(xml.contains("<references>"), xml);
      }
    }
    String geojson =
        http()
            .retrieve(
                HttpRequest.GET("/api/v1/cases/" + id + "/area.geojson").bearerAuth(coordinator),
                String.class);
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
    problem(403, () -> post(staff, "/api/v1/recipients", body));
    problem(
        403,
        () -> post(userToken("POLICE", Map.of("policeRegion", "SYD")), "/api/v1/recipients", body));
    String id = (String) post(coordinator, "/api/v1/recipients", body).get("id");
    assertEquals("X", get(adminToken(), "/api/v1/recipients/" + id).get("name"));
  }

  @Test
  void badRecipientsAreRefusedAndNothingIsStored() {
    int before = getList(adminToken(), "/api/v1/recipients").size();
    List<Map<String, String>> contacts = List.of(Map.of("name", "a", "phone", "+46701000099"));
    assertEquals(
        List.of("coverage.municipalityCodes"),
        errorFields(
            problem(
                422,
                () ->
                    post(
                        adminToken(),
                        "/api/v1/recipients",
                        Map.of(
                            "name",
                            "X",
                            "kind",
                            "OTHER",
                            "coverage",
                            Map.of("municipalityCodes", List.of("9999")),
                            "contacts",
                            contacts)))));
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
    assertEquals(
        List.of("coverage.geojson"),
        errorFields(
            problem(
                422,
                () ->
                    post(
                        adminToken(),
                        "/api/v1/recipients",
                        Map.of(
                            "name",
                            "X",
                            "kind",
                            "OTHER",
                            "coverage",
                            Map.of("geojson", bowtie),
                            "contacts",
                            contacts)))));
    assertEquals(
        List.of("coverage.geojson"),
        errorFields(
            problem(
                422,
                () ->
                    post(
                        adminToken(),
                        "/api/v1/recipients",
                        Map.of(
                            "name",
                            "X",
                            "kind",
                            "OTHER",
                            "coverage",
                            Map.of("geojson", Map.of("type", "Polygon", "coordinates", "nonsense")),
                            "contacts",
                            contacts)))));
    assertEquals(
        List.of("coverage.radiusMeters"),
        errorFields(
            problem(
                422,
                () ->
                    post(
                        adminToken(),
                        "/api/v1/recipients",
                        Map.of(
                            "name",
                            "X",
                            "kind",
                            "OTHER",
                            "coverage",
                            Map.of("center", TYRESO_CENTRUM, "radiusMeters", 600000),
                            "contacts",
                            contacts)))));
    assertEquals(
        List.of("contacts[0].phone"),
        errorFields(
            problem(
                422,
                () ->
                    post(
                        adminToken(),
                        "/api/v1/recipients",
                        Map.of(
                            "name",
                            "X",
                            "kind",
                            "OTHER",
                            "coverage",
                            Map.of("countyCodes", List.of("01")),
                            "contacts",
                            List.of(Map.of("name", "a", "phone", "+4612")))))));
    assertEquals(
        List.of("coverage"),
        errorFields(
            problem(
                422,
                () ->
                    post(
                        adminToken(),
                        "/api/v1/recipients",
                        Map.of(
                            "name",
                            "X",
                            "kind",
                            "OTHER",
                            "coverage",
                            Map.of("countyCodes", List.of("01"), "policeRegion", "SYD"),
                            "contacts",
                            contacts)))));
    assertEquals(before, getList(adminToken(), "/api/v1/recipients").size());
  }

  @Test
  void aDeletedRecipientIsNeverAlertedAgain() {
    String gone =
        recipient(
            "Nedlagt jourhem",
            "SHELTER",
            Map.of("center", TYRESO_CENTRUM, "radiusMeters", 2000),
            "+46701000010");
    http().exchange(HttpRequest.DELETE("/api/v1/recipients/" + gone).bearerAuth(adminToken()));
    assertFalse(alerted(reportMissing("HIGH", 10)).contains(gone));
    problem(404, () -> get(adminToken(), "/api/v1/recipients/" + gone));
  }
}
