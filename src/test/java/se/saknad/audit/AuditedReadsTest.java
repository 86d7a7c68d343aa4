package se.saknad.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.saknad.support.ApiTest;
import se.saknad.support.Json;

/**
 * Reads that show a child's case in another form are audited like the case itself: the alert as
 * CAP, the search area's map, and the audit trail (who looked at who looked).
 */
@MicronautTest(transactional = false)
class AuditedReadsTest extends ApiTest {

  private List<Object> audited(String action, UUID caseId) {
    return column(
        "SELECT actor_role || ':' || coalesce(child_id::text, '') || ':' || endpoint"
            + " FROM audit_event WHERE action = ? AND case_id = ? ORDER BY id",
        action,
        caseId);
  }

  @Test
  void theAlertAsCapAndTheSearchAreaMapAreAuditedReadsOfTheCase() {
    UUID home = aHome().at(TYRESO_CENTRUM).create();
    String staff = staffOf(home);
    UUID child = aChild().inHome(home).named("Cap", "Läsesson").by(staff).create();
    Json kase = aReport().of(child).by(staff).risk("HIGH").create();
    UUID caseId = kase.id();
    String police = aUser().police("STOCKHOLM").create();
    as(police)
        .exchange(
            HttpRequest.GET(
                "/api/v1/cases/" + caseId + "/alerts/" + kase.string("alert.id") + "/cap"));
    as(staff).exchange(HttpRequest.GET("/api/v1/cases/" + caseId + "/area.geojson"));
    assertEquals(
        List.of(
            "POLICE:"
                + child
                + ":GET /api/v1/cases/"
                + caseId
                + "/alerts/"
                + kase.string("alert.id")
                + "/cap"),
        audited("CAP_READ", caseId));
    assertEquals(
        List.of("HVB_STAFF:" + child + ":GET /api/v1/cases/" + caseId + "/area.geojson"),
        audited("SEARCH_AREA_READ", caseId));
    // Refused reads (out of the region) leave no read behind.
    String south = aUser().police("SYD").create();
    problemOf(404, () -> as(south).get("/api/v1/cases/" + caseId + "/area.geojson"));
    assertEquals(1, audited("SEARCH_AREA_READ", caseId).size());
  }

  @Test
  void readingAChildsAuditTrailIsItselfAudited() {
    UUID home = aHome().at(TYRESO_CENTRUM).create();
    UUID child = aChild().inHome(home).named("Spår", "Läsesson").by(staffOf(home)).create();
    String coordinator = aUser().coordinator().create();
    as(coordinator).get("/api/v1/audit?childId=" + child);
    List<String> second =
        as(coordinator).get("/api/v1/audit?childId=" + child).strings("[*].action");
    assertEquals(1, second.stream().filter("AUDIT_TRAIL_READ"::equals).count(), second.toString());
    assertEquals(
        List.of("COORDINATOR:GET /api/v1/audit", "COORDINATOR:GET /api/v1/audit"),
        column(
            "SELECT actor_role || ':' || endpoint FROM audit_event"
                + " WHERE action = 'AUDIT_TRAIL_READ' AND child_id = ? ORDER BY id",
            child));
  }
}
