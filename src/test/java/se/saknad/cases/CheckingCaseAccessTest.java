package se.saknad.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.http.HttpRequest;
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
import se.saknad.support.TestDatabase;

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
    home = aHome().at(TYRESO_CENTRUM).create();
    staff = staffOf(home);
    coordinator = aUser().coordinator().create();
    otherPolice = aUser().police("SYD").create();
  }

  private UUID home;

  private String reportedCase() {
    UUID child = aChild().inHome(home).named("Karim", "Access").create();
    return aReport().of(child).by(staff).minutesAgo(3 * 60).risk("HIGH").create().string("id");
  }

  private long caseReads(String caseId) {
    return TestDatabase.count(
        "SELECT count(*) FROM audit_event WHERE case_id = ?::uuid AND action = 'CASE_READ'",
        caseId);
  }

  @Test
  void theAlertAndTheMapOfACaseAreShownWithoutAuditingACaseRead() {
    String kase = reportedCase();
    String alert = as(staff).get("/api/v1/cases/" + kase).string("alert.id");
    long readsAfterTheCase = caseReads(kase);

    String area =
        as(staff).exchange(HttpRequest.GET("/api/v1/cases/" + kase + "/area.geojson")).body();
    String cap =
        as(coordinator)
            .exchange(HttpRequest.GET("/api/v1/cases/" + kase + "/alerts/" + alert + "/cap"))
            .body();

    assertEquals(true, area.contains("FeatureCollection"), area);
    assertEquals(true, cap.contains("<alert"), cap);
    assertEquals(readsAfterTheCase, caseReads(kase), "no CASE_READ for the map or the CAP");
  }

  @Test
  void aDebriefAndAReferralByHandAuditNoCaseRead() {
    String kase = reportedCase();
    aReturn()
        .of(kase)
        .by(staff)
        .at(OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).truncatedTo(ChronoUnit.SECONDS))
        .condition("Trött")
        .create();
    Map<String, Object> debrief = new HashMap<>();
    debrief.put("conductedAt", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5).toString());
    debrief.put("interviewerRole", "SOCIAL_WORKER");
    debrief.put("consentToResearch", false);
    debrief.put("reasons", List.of("CONFLICT_AT_HOME"));
    as(staff).post("/api/v1/cases/" + kase + "/debrief", debrief);
    as(staff).get("/api/v1/cases/" + kase + "/debrief");
    as(coordinator)
        .post("/api/v1/cases/" + kase + "/referrals", Map.of("reason", "SUSPECTED_TRAFFICKING"));

    assertEquals(0, caseReads(kase), "no CASE_READ for writing or reading the debrief");

    as(staff).get("/api/v1/cases/" + kase);
    assertEquals(1, caseReads(kase), "reading the case itself is audited once");
  }

  @Test
  void theMapOfACaseOutOfScopeIsNotFound() {
    String kase = reportedCase();
    problemOf(
        404,
        () -> as(otherPolice).exchange(HttpRequest.GET("/api/v1/cases/" + kase + "/area.geojson")));
  }
}
