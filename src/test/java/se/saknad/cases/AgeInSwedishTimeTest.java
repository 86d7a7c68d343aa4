package se.saknad.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.LocalDate;
import java.util.List;
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
    UUID home = aHome().at(TYRESO_CENTRUM).create();
    String staff = staffOf(home);
    String coordinator = aUser().coordinator().create();
    UUID child =
        aChild().inHome(home).named("Omid", "Midnatt").bornOn(LocalDate.of(2010, 3, 14)).create();
    // 00:30 on 14 March 2025 in Stockholm (CET, UTC+1); still 13 March in UTC.
    String id =
        aReport()
            .of(child)
            .by(staff)
            .with("lastSeenAt", "2025-03-13T23:30:00Z")
            .risk("STANDARD")
            .create()
            .string("id");

    assertEquals(15, as(staff).get("/api/v1/cases/" + id).integer("child.age"), "the case");
    assertEquals(
        List.of(15),
        as(coordinator)
            .get("/api/v1/cases")
            .list("[?(@.id == '" + id + "')].child.age", Integer.class),
        "the case list");
    assertEquals(
        List.of(15), column("SELECT child_age FROM disappearance_case WHERE id = ?::uuid", id));
    List<Object> alertTexts =
        column("SELECT body FROM delivery WHERE case_id = ?::uuid AND body LIKE '%Omid%'", id);
    assertTrue(!alertTexts.isEmpty(), "an alert was queued");
    for (Object text : alertTexts) {
      assertTrue(text.toString().contains("15 år"), "the alert text: " + text);
    }
  }
}
