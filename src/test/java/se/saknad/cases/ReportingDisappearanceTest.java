package se.saknad.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.saknad.support.ApiTest;

@MicronautTest(transactional = false)
class ReportingDisappearanceTest extends ApiTest {
  private UUID home;
  private String staff;
  private String coordinator;

  @BeforeAll
  void homeAndStaff() {
    home = newHome(TYRESO_CENTRUM);
    staff = userToken("HVB_STAFF", Map.of("homeId", home));
    coordinator = userToken("COORDINATOR", Map.of());
  }

  static Map<String, Object> report(Map<String, Object> where, String risk) {
    Map<String, Object> r = new HashMap<>();
    r.put(
        "lastSeenAt",
        OffsetDateTime.now(ZoneOffset.ofHours(1))
            .minusMinutes(30)
            .truncatedTo(ChronoUnit.SECONDS)
            .toString());
    r.put("lastSeenLocation", where);
    r.put("lastSeenPlace", "Tyresö centrum, busshållplatsen");
    r.put("clothing", "Svart jacka, grå mössa");
    r.put("circumstances", "Gick efter middagen");
    r.put("riskLevel", risk);
    return r;
  }

  private UUID child() {
    return newChild(staff, profile(home, "Karim", "Nazari"));
  }

  @Test
  void staffReportAChildMissingAndGetACaseCode() {
    UUID child = child();
    Map<String, Object> opened =
        post(
            staff, "/api/v1/children/" + child + "/disappearances", report(TYRESO_CENTRUM, "HIGH"));
    assertEquals("MISSING", opened.get("status"));
    assertTrue(((String) opened.get("code")).matches("\\d{4}"), opened.get("code").toString());
    Map<?, ?> area = (Map<?, ?>) opened.get("searchArea");
    assertEquals(30000, ((Number) area.get("radiusMeters")).intValue());
    assertEquals("0138", opened.get("municipalityCode"));
    assertEquals("STOCKHOLM", opened.get("policeRegion"));
    Map<String, Object> read = get(coordinator, "/api/v1/cases/" + opened.get("id"));
    assertEquals(opened.get("code"), read.get("code"));
  }

  @Test
  void aSecondReportWhileACaseIsOpenIs409WithTheOpenCase() {
    UUID child = child();
    Map<String, Object> opened =
        post(
            staff,
            "/api/v1/children/" + child + "/disappearances",
            report(TYRESO_CENTRUM, "STANDARD"));
    Map<String, Object> problem =
        problem(
            409,
            () ->
                post(
                    staff,
                    "/api/v1/children/" + child + "/disappearances",
                    report(TYRESO_CENTRUM, "HIGH")));
    assertEquals(opened.get("id"), problem.get("openCaseId"));
  }

  @Test
  void twoSimultaneousReportsForOneChildOpenExactlyOneCase() throws Exception {
    UUID child = child();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        Callable<Integer> call =
            () -> {
              try {
                HttpResponse<?> r =
                    http()
                        .exchange(
                            HttpRequest.POST(
                                    "/api/v1/children/" + child + "/disappearances",
                                    report(TYRESO_CENTRUM, "HIGH"))
                                .bearerAuth(staff));
                return r.getStatus().getCode();
              } catch (HttpClientResponseException e) {
                return e.getStatus().getCode();
              }
            };
        results.add(pool.submit(call));
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> f : results) {
        statuses.add(f.get());
      }
      assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
      assertEquals(3, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void everyValidationRuleIsAProblemAndStoresNothing() {
    UUID child = child();
    String uri = "/api/v1/children/" + child + "/disappearances";
    Map<String, Object> future = report(TYRESO_CENTRUM, "HIGH");
    future.put("lastSeenAt", OffsetDateTime.now().plusHours(1).toString());
    assertEquals(List.of("lastSeenAt"), errorFields(problem(422, () -> post(staff, uri, future))));
    Map<String, Object> beforeBirth = report(TYRESO_CENTRUM, "HIGH");
    beforeBirth.put("lastSeenAt", "2009-01-01T12:00:00+01:00");
    assertEquals(
        List.of("lastSeenAt"), errorFields(problem(422, () -> post(staff, uri, beforeBirth))));
    assertEquals(
        List.of("lastSeenLocation"),
        errorFields(
            problem(
                422, () -> post(staff, uri, report(Map.of("lat", 48.85, "lon", 2.35), "HIGH")))));
    problem(400, () -> post(staff, uri, report(TYRESO_CENTRUM, "EXTREME")));
    Map<String, Object> missing = report(TYRESO_CENTRUM, "HIGH");
    missing.remove("lastSeenAt");
    assertEquals(List.of("lastSeenAt"), errorFields(problem(400, () -> post(staff, uri, missing))));
    assertTrue(
        getList(coordinator, "/api/v1/cases").stream()
            .noneMatch(c -> child.toString().equals(((Map<?, ?>) c.get("child")).get("id"))));
    // ... and a valid report still works afterwards
    post(staff, uri, report(TYRESO_CENTRUM, "HIGH"));
  }

  @Test
  void aSightingMovesTheSearchAndTheReturnSetsTheDebriefDeadline() {
    UUID child = child();
    Map<String, Object> opened =
        post(
            staff,
            "/api/v1/children/" + child + "/disappearances",
            report(TYRESO_CENTRUM, "ELEVATED"));
    String id = (String) opened.get("id");
    String police = userToken("POLICE", Map.of("policeRegion", "STOCKHOLM"));
    post(
        police,
        "/api/v1/cases/" + id + "/sightings",
        Map.of(
            "seenAt",
            OffsetDateTime.now().minusMinutes(5).toString(),
            "location",
            Map.of("lat", 59.33, "lon", 18.06),
            "note",
            "T-Centralen"));
    Map<String, Object> read = get(coordinator, "/api/v1/cases/" + id);
    Map<?, ?> center = (Map<?, ?>) ((Map<?, ?>) read.get("searchArea")).get("center");
    assertEquals(59.33, ((Number) center.get("lat")).doubleValue(), 1e-9);
    assertEquals(1, ((List<?>) read.get("sightings")).size());
    String returnedAt =
        OffsetDateTime.now(ZoneOffset.UTC)
            .minusMinutes(1)
            .truncatedTo(ChronoUnit.SECONDS)
            .toString();
    Map<String, Object> returned =
        post(
            staff,
            "/api/v1/cases/" + id + "/return",
            Map.of("returnedAt", returnedAt, "foundBy", "Polis", "condition", "Trött men oskadd"));
    assertEquals("RETURNED", returned.get("status"));
    assertEquals(
        OffsetDateTime.parse(returnedAt).plusHours(72).toInstant().toString(),
        java.time.Instant.parse((String) returned.get("debriefDueBy")).toString());
    problem(
        409,
        () ->
            post(
                staff,
                "/api/v1/cases/" + id + "/return",
                Map.of("returnedAt", returnedAt, "foundBy", "x", "condition", "y")));
    // the child may go missing again: a new episode
    post(staff, "/api/v1/children/" + child + "/disappearances", report(TYRESO_CENTRUM, "HIGH"));
  }

  @Test
  void aReturnBeforeTheDisappearanceIsRefused() {
    UUID child = child();
    String id =
        (String)
            post(
                    staff,
                    "/api/v1/children/" + child + "/disappearances",
                    report(TYRESO_CENTRUM, "HIGH"))
                .get("id");
    Map<String, Object> problem =
        problem(
            422,
            () ->
                post(
                    staff,
                    "/api/v1/cases/" + id + "/return",
                    Map.of(
                        "returnedAt", "2020-01-01T00:00:00Z", "foundBy", "x", "condition", "y")));
    assertEquals(List.of("returnedAt"), errorFields(problem));
    assertEquals("MISSING", get(coordinator, "/api/v1/cases/" + id).get("status"));
  }

  @Test
  void whoMaySeeWhichCase() {
    UUID child = child();
    String id =
        (String)
            post(
                    staff,
                    "/api/v1/children/" + child + "/disappearances",
                    report(TYRESO_CENTRUM, "HIGH"))
                .get("id");
    String stockholmPolice = userToken("POLICE", Map.of("policeRegion", "STOCKHOLM"));
    String sydPolice = userToken("POLICE", Map.of("policeRegion", "SYD"));
    String tyresoSocial = userToken("SOCIAL_SERVICES", Map.of("municipalityCode", "0138"));
    String malmoSocial = userToken("SOCIAL_SERVICES", Map.of("municipalityCode", "1280"));
    String otherStaff = userToken("HVB_STAFF", Map.of("homeId", newHome(MALMO)));
    String researcher = userToken("RESEARCHER", Map.of());

    Map<String, Object> policeView = get(stockholmPolice, "/api/v1/cases/" + id);
    assertNull(((Map<?, ?>) policeView.get("child")).get("dossierNumber"));
    get(tyresoSocial, "/api/v1/cases/" + id);
    get(adminToken(), "/api/v1/cases/" + id);
    problem(404, () -> get(sydPolice, "/api/v1/cases/" + id));
    problem(404, () -> get(malmoSocial, "/api/v1/cases/" + id));
    problem(404, () -> get(otherStaff, "/api/v1/cases/" + id));
    problem(403, () -> get(researcher, "/api/v1/cases/" + id));

    assertTrue(ids(stockholmPolice).contains(id));
    assertFalse(ids(sydPolice).contains(id));
    assertFalse(ids(otherStaff).contains(id));
    assertFalse(ids(malmoSocial).contains(id));

    // A sighting in Malmö brings the case into Syd's view.
    post(
        stockholmPolice,
        "/api/v1/cases/" + id + "/sightings",
        Map.of("seenAt", OffsetDateTime.now().toString(), "location", MALMO));
    assertTrue(ids(sydPolice).contains(id));
    get(sydPolice, "/api/v1/cases/" + id);
    // Only coordinators change status; police cannot report.
    problem(
        403,
        () -> post(stockholmPolice, "/api/v1/cases/" + id + "/status", Map.of("status", "CLOSED")));
    problem(
        403,
        () ->
            post(
                stockholmPolice,
                "/api/v1/children/" + child + "/disappearances",
                report(TYRESO_CENTRUM, "HIGH")));
    assertEquals(
        "LOCATED",
        post(coordinator, "/api/v1/cases/" + id + "/status", Map.of("status", "LOCATED"))
            .get("status"));
    assertEquals(
        "CLOSED",
        post(coordinator, "/api/v1/cases/" + id + "/status", Map.of("status", "CLOSED"))
            .get("status"));
  }

  @Test
  void readingACaseIsAudited() {
    UUID child = child();
    String id =
        (String)
            post(
                    staff,
                    "/api/v1/children/" + child + "/disappearances",
                    report(TYRESO_CENTRUM, "HIGH"))
                .get("id");
    get(staff, "/api/v1/cases/" + id);
    List<Object> actions =
        getList(coordinator, "/api/v1/audit?childId=" + child).stream()
            .map(e -> e.get("action"))
            .toList();
    assertTrue(actions.containsAll(List.of("CASE_OPENED", "CASE_READ")), actions.toString());
  }

  private List<Object> ids(String token) {
    return getList(token, "/api/v1/cases?status=MISSING").stream().map(c -> c.get("id")).toList();
  }
}
