package se.saknad.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.saknad.support.ApiTest;

/**
 * A child's age is counted in Swedish days: half past midnight in Stockholm on the birthday is
 * still the day before in UTC, and the child is already a year older.
 */
@MicronautTest(transactional = false)
class AgeInSwedishTimeTest extends ApiTest {

  @Test
  void aChildLastSeenJustAfterMidnightInSwedenOnTheBirthdayIsAYearOlderEverywhere() {
    UUID home = newHome(TYRESO_CENTRUM);
    String staff = userToken("HVB_STAFF", Map.of("homeId", home));
    String coordinator = userToken("COORDINATOR", Map.of());
    Map<String, Object> profile = profile(home, "Omid", "Midnatt");
    profile.put("dateOfBirth", "2010-03-14");
    UUID child = newChild(staff, profile);
    // 00:30 on 14 March 2025 in Stockholm (CET, UTC+1); still 13 March in UTC.
    String id =
        (String)
            post(
                    staff,
                    "/api/v1/children/" + child + "/disappearances",
                    Map.of(
                        "lastSeenAt",
                        "2025-03-13T23:30:00Z",
                        "lastSeenLocation",
                        TYRESO_CENTRUM,
                        "riskLevel",
                        "STANDARD"))
                .get("id");

    assertEquals(15, childOf(get(staff, "/api/v1/cases/" + id)).get("age"), "the case");
    Map<String, Object> listed =
        getList(coordinator, "/api/v1/cases").stream()
            .filter(c -> id.equals(c.get("id")))
            .findFirst()
            .orElseThrow();
    assertEquals(15, childOf(listed).get("age"), "the case list");
    assertEquals(
        List.of(15), column("SELECT child_age FROM disappearance_case WHERE id = ?::uuid", id));
    List<Object> alertTexts =
        column("SELECT body FROM delivery WHERE case_id = ?::uuid AND body LIKE '%Omid%'", id);
    assertTrue(!alertTexts.isEmpty(), "an alert was queued");
    for (Object text : alertTexts) {
      assertTrue(text.toString().contains("15 år"), "the alert text: " + text);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> childOf(Map<String, Object> kase) {
    return (Map<String, Object>) kase.get("child");
  }
}
