package se.saknad.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.saknad.support.ApiTest;

/**
 * Features that act on a case (its alerts as CAP, its search area map, its debrief, a referral by
 * hand) check that the caller may see the case without reading it: the audit trail holds a
 * CASE_READ only for a real read of the case.
 */
@MicronautTest(transactional = false)
class CheckingCaseAccessTest extends ApiTest {
  private String staff;
  private String coordinator;
  private String otherPolice;

  @BeforeAll
  void people() {
    UUID home = newHome(TYRESO_CENTRUM);
    staff = userToken("HVB_STAFF", Map.of("homeId", home));
    coordinator = userToken("COORDINATOR", Map.of());
    otherPolice = userToken("POLICE", Map.of("policeRegion", "SYD"));
    this.home = home;
  }

  private UUID home;

  private String reportedCase() {
    UUID child = newChild(staff, profile(home, "Karim", "Access"));
    Map<String, Object> report = new HashMap<>();
    report.put(
        "lastSeenAt",
        OffsetDateTime.now(ZoneOffset.UTC)
            .minusHours(3)
            .truncatedTo(ChronoUnit.SECONDS)
            .toString());
    report.put("lastSeenLocation", TYRESO_CENTRUM);
    report.put("riskLevel", "HIGH");
    return (String) post(staff, "/api/v1/children/" + child + "/disappearances", report).get("id");
  }

  private long caseReads(String caseId) {
    return (Long)
        column(
                "SELECT count(*) FROM audit_event WHERE case_id = ?::uuid AND action = 'CASE_READ'",
                caseId)
            .get(0);
  }

  @Test
  void theAlertAndTheMapOfACaseAreShownWithoutAuditingACaseRead() {
    String kase = reportedCase();
    @SuppressWarnings("unchecked")
    Map<String, Object> alert =
        (Map<String, Object>) get(staff, "/api/v1/cases/" + kase).get("alert");
    long readsAfterTheCase = caseReads(kase);

    String area =
        http()
            .retrieve(
                as(
                    staff,
                    io.micronaut.http.HttpRequest.GET("/api/v1/cases/" + kase + "/area.geojson")),
                String.class);
    String cap =
        http()
            .retrieve(
                as(
                    coordinator,
                    io.micronaut.http.HttpRequest.GET(
                        "/api/v1/cases/" + kase + "/alerts/" + alert.get("id") + "/cap")),
                String.class);

    assertEquals(true, area.contains("FeatureCollection"), area);
    assertEquals(true, cap.contains("<alert"), cap);
    assertEquals(readsAfterTheCase, caseReads(kase), "no CASE_READ for the map or the CAP");
  }

  @Test
  void aDebriefAndAReferralByHandAuditNoCaseRead() {
    String kase = reportedCase();
    post(
        staff,
        "/api/v1/cases/" + kase + "/return",
        Map.of(
            "returnedAt",
            OffsetDateTime.now(ZoneOffset.UTC)
                .minusHours(1)
                .truncatedTo(ChronoUnit.SECONDS)
                .toString(),
            "foundBy",
            "Polis",
            "condition",
            "Trött"));
    Map<String, Object> debrief = new HashMap<>();
    debrief.put("conductedAt", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5).toString());
    debrief.put("interviewerRole", "SOCIAL_WORKER");
    debrief.put("consentToResearch", false);
    debrief.put("reasons", List.of("CONFLICT_AT_HOME"));
    post(staff, "/api/v1/cases/" + kase + "/debrief", debrief);
    get(staff, "/api/v1/cases/" + kase + "/debrief");
    post(
        coordinator,
        "/api/v1/cases/" + kase + "/referrals",
        Map.of("reason", "SUSPECTED_TRAFFICKING"));

    assertEquals(0, caseReads(kase), "no CASE_READ for writing or reading the debrief");

    get(staff, "/api/v1/cases/" + kase);
    assertEquals(1, caseReads(kase), "reading the case itself is audited once");
  }

  @Test
  void theMapOfACaseOutOfScopeIsNotFound() {
    String kase = reportedCase();
    problem(
        404,
        () ->
            http()
                .retrieve(
                    as(
                        otherPolice,
                        io.micronaut.http.HttpRequest.GET(
                            "/api/v1/cases/" + kase + "/area.geojson")),
                    String.class));
  }
}
