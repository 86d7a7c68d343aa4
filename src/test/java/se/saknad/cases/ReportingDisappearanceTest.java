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
import se.saknad.support.Json;
import se.saknad.support.ReportBuilder;

@MicronautTest(transactional = false)
class ReportingDisappearanceTest extends ApiTest {
  private UUID home;
  private String staff;
  private String coordinator;

  @BeforeAll
  void homeAndStaff() {
    home = aHome().at(TYRESO_CENTRUM).create();
    staff = staffOf(home);
    coordinator = aUser().coordinator().create();
  }

  /** Seen half an hour ago at Tyresö centrum, reported by the home's staff with Swedish time. */
  private ReportBuilder aReportOf(UUID child) {
    return aReport()
        .of(child)
        .by(staff)
        .lastSeen(OffsetDateTime.now(ZoneOffset.ofHours(1)).minusMinutes(30))
        .lastSeenAt(TYRESO_CENTRUM)
        .place("Tyresö centrum, busshållplatsen")
        .clothing("Svart jacka, grå mössa")
        .circumstances("Gick efter middagen")
        .risk("HIGH");
  }

  private UUID child() {
    return aChild().inHome(home).named("Karim", "Nazari").create();
  }

  @Test
  void staffReportAChildMissingAndGetACaseCode() {
    Json opened = aReportOf(child()).create();
    assertEquals("MISSING", opened.string("status"));
    assertTrue(opened.string("code").matches("\\d{4}"), opened.string("code"));
    assertEquals(30000, opened.integer("searchArea.radiusMeters"));
    assertEquals("0138", opened.string("municipalityCode"));
    assertEquals("STOCKHOLM", opened.string("policeRegion"));
    Json read = as(coordinator).get("/api/v1/cases/" + opened.id());
    assertEquals(opened.string("code"), read.string("code"));
  }

  @Test
  void aSecondReportWhileACaseIsOpenIs409WithTheOpenCase() {
    UUID child = child();
    Json opened = aReportOf(child).risk("STANDARD").create();
    Json problem = problemOf(409, () -> aReportOf(child).create());
    assertEquals(opened.id(), problem.uuid("openCaseId"));
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
                                    aReportOf(child).body())
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
    assertEquals(
        List.of("lastSeenAt"),
        errorFields(
            problemOf(
                422, () -> aReportOf(child).lastSeen(OffsetDateTime.now().plusHours(1)).create())));
    assertEquals(
        List.of("lastSeenAt"),
        errorFields(
            problemOf(
                422,
                () -> aReportOf(child).with("lastSeenAt", "2009-01-01T12:00:00+01:00").create())));
    assertEquals(
        List.of("lastSeenLocation"),
        errorFields(
            problemOf(
                422,
                () -> aReportOf(child).lastSeenAt(Map.of("lat", 48.85, "lon", 2.35)).create())));
    problemOf(400, () -> aReportOf(child).risk("EXTREME").create());
    assertEquals(
        List.of("lastSeenAt"),
        errorFields(problemOf(400, () -> aReportOf(child).with("lastSeenAt", null).create())));
    assertFalse(as(coordinator).get("/api/v1/cases").uuids("[*].child.id").contains(child));
    // ... and a valid report still works afterwards
    aReportOf(child).create();
  }

  @Test
  void aSightingMovesTheSearchAndTheReturnSetsTheDebriefDeadline() {
    UUID child = child();
    UUID id = aReportOf(child).risk("ELEVATED").create().id();
    String police = aUser().police("STOCKHOLM").create();
    as(police)
        .post(
            "/api/v1/cases/" + id + "/sightings",
            Map.of(
                "seenAt",
                OffsetDateTime.now().minusMinutes(5).toString(),
                "location",
                Map.of("lat", 59.33, "lon", 18.06),
                "note",
                "T-Centralen"));
    Json read = as(coordinator).get("/api/v1/cases/" + id);
    assertEquals(59.33, read.decimal("searchArea.center.lat"), 1e-9);
    assertEquals(1, read.size("sightings"));
    String returnedAt =
        OffsetDateTime.now(ZoneOffset.UTC)
            .minusMinutes(1)
            .truncatedTo(ChronoUnit.SECONDS)
            .toString();
    Json returned =
        as(staff)
            .post(
                "/api/v1/cases/" + id + "/return",
                Map.of(
                    "returnedAt", returnedAt, "foundBy", "Polis", "condition", "Trött men oskadd"));
    assertEquals("RETURNED", returned.string("status"));
    assertEquals(
        OffsetDateTime.parse(returnedAt).plusHours(72).toInstant().toString(),
        java.time.Instant.parse(returned.string("debriefDueBy")).toString());
    problemOf(
        409,
        () ->
            as(staff)
                .post(
                    "/api/v1/cases/" + id + "/return",
                    Map.of("returnedAt", returnedAt, "foundBy", "x", "condition", "y")));
    // the child may go missing again: a new episode
    aReportOf(child).create();
  }

  @Test
  void aReturnBeforeTheDisappearanceIsRefused() {
    UUID id = aReportOf(child()).create().id();
    Json problem =
        problemOf(
            422,
            () ->
                as(staff)
                    .post(
                        "/api/v1/cases/" + id + "/return",
                        Map.of(
                            "returnedAt",
                            "2020-01-01T00:00:00Z",
                            "foundBy",
                            "x",
                            "condition",
                            "y")));
    assertEquals(List.of("returnedAt"), errorFields(problem));
    assertEquals("MISSING", as(coordinator).get("/api/v1/cases/" + id).string("status"));
  }

  @Test
  void whoMaySeeWhichCase() {
    UUID child = child();
    UUID id = aReportOf(child).create().id();
    String stockholmPolice = aUser().police("STOCKHOLM").create();
    String sydPolice = aUser().police("SYD").create();
    String tyresoSocial = aUser().socialServices("0138").create();
    String malmoSocial = aUser().socialServices("1280").create();
    String otherStaff = aUser().staffOf(aHome().at(MALMO).create()).create();
    String researcher = aUser().researcher().create();

    Json policeView = as(stockholmPolice).get("/api/v1/cases/" + id);
    assertNull(policeView.string("child.dossierNumber"));
    as(tyresoSocial).get("/api/v1/cases/" + id);
    as(adminToken()).get("/api/v1/cases/" + id);
    problemOf(404, () -> as(sydPolice).get("/api/v1/cases/" + id));
    problemOf(404, () -> as(malmoSocial).get("/api/v1/cases/" + id));
    problemOf(404, () -> as(otherStaff).get("/api/v1/cases/" + id));
    problemOf(403, () -> as(researcher).get("/api/v1/cases/" + id));

    assertTrue(ids(stockholmPolice).contains(id));
    assertFalse(ids(sydPolice).contains(id));
    assertFalse(ids(otherStaff).contains(id));
    assertFalse(ids(malmoSocial).contains(id));

    // A sighting in Malmö brings the case into Syd's view.
    as(stockholmPolice)
        .post(
            "/api/v1/cases/" + id + "/sightings",
            Map.of("seenAt", OffsetDateTime.now().toString(), "location", MALMO));
    assertTrue(ids(sydPolice).contains(id));
    as(sydPolice).get("/api/v1/cases/" + id);
    // Only coordinators change status; police cannot report.
    problemOf(
        403,
        () ->
            as(stockholmPolice)
                .post("/api/v1/cases/" + id + "/status", Map.of("status", "CLOSED")));
    problemOf(403, () -> aReportOf(child).by(stockholmPolice).create());
    assertEquals(
        "LOCATED",
        as(coordinator)
            .post("/api/v1/cases/" + id + "/status", Map.of("status", "LOCATED"))
            .string("status"));
    assertEquals(
        "CLOSED",
        as(coordinator)
            .post("/api/v1/cases/" + id + "/status", Map.of("status", "CLOSED"))
            .string("status"));
  }

  @Test
  void readingACaseIsAudited() {
    UUID child = child();
    UUID id = aReportOf(child).create().id();
    as(staff).get("/api/v1/cases/" + id);
    List<String> actions =
        as(coordinator).get("/api/v1/audit?childId=" + child).strings("[*].action");
    assertTrue(actions.containsAll(List.of("CASE_OPENED", "CASE_READ")), actions.toString());
  }

  private List<UUID> ids(String token) {
    return as(token).get("/api/v1/cases?status=MISSING").uuids("[*].id");
  }
}
