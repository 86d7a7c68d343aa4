package se.saknad.children;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.saknad.support.ApiTest;
import se.saknad.support.Json;

@MicronautTest(transactional = false)
class EndingPlacementsTest extends ApiTest {
  private UUID home;
  private String staff;
  private String coordinator;

  @BeforeAll
  void people() {
    home = aHome().at(TYRESO_CENTRUM).create();
    staff = staffOf(home);
    coordinator = aUser().coordinator().create();
  }

  private String ended(UUID child) {
    return "/api/v1/children/" + child + "/placement-ended";
  }

  private boolean listed(UUID child) {
    return as(staff).get("/api/v1/children?homeId=" + home).uuids("[*].id").contains(child);
  }

  @Test
  void staffMarkAPlacementEndedAndTheChildLeavesTheHomesList() {
    UUID child = aChild().inHome(home).named("Utflyttad", "Placeringsslut").create();
    assertTrue(listed(child));
    String day = LocalDate.now().minusDays(3).toString();
    Json view = as(staff).post(ended(child), Map.of("endedOn", day));
    assertEquals(day, view.string("placementEndedOn"));
    assertFalse(listed(child), "a child who moved out is no longer the home's");
    assertEquals(day, as(staff).get("/api/v1/children/" + child).string("placementEndedOn"));
    assertTrue(
        as(staff)
            .get("/api/v1/children/" + child + "/history")
            .list("[?(@.change == 'PLACEMENT_ENDED')]")
            .stream()
            .anyMatch(h -> h.strings("changedFields").contains("placementEndedOn")));
    String corrected = LocalDate.now().minusDays(5).toString();
    assertEquals(
        corrected,
        as(coordinator)
            .post(ended(child), Map.of("endedOn", corrected))
            .string("placementEndedOn"));
    assertEquals(
        List.of(2L),
        column(
            "SELECT count(*) FROM audit_event WHERE action = 'CHILD_PLACEMENT_ENDED'"
                + " AND child_id = ?",
            child));
  }

  @Test
  void onlyTheHomesStaffAndCoordinatorsEndAPlacement() {
    UUID child = aChild().inHome(home).named("Kvar", "Placeringen").create();
    Map<String, Object> body = Map.of("endedOn", LocalDate.now().toString());
    String otherStaff = aUser().staffOf(aHome().at(MALMO).create()).create();
    problemOf(404, () -> as(otherStaff).post(ended(child), body));
    problemOf(404, () -> as(staff).post(ended(UUID.randomUUID()), body));
    for (String who :
        Arrays.asList(
            adminToken(),
            aUser().police("STOCKHOLM").create(),
            aUser().socialServices("0138").create(),
            aUser().researcher().create())) {
      problemOf(403, () -> as(who).post(ended(child), body));
    }
    assertEquals(
        List.of(true), column("SELECT placement_ended_on IS NULL FROM child WHERE id = ?", child));
  }

  @Test
  void aBadDayIsAProblemAndStoresNothing() {
    UUID child = aChild().inHome(home).named("Felaktig", "Dag").create();
    assertEquals(
        List.of("endedOn"),
        errorFields(
            problemOf(
                422,
                () ->
                    as(staff)
                        .post(
                            ended(child),
                            Map.of("endedOn", LocalDate.now().plusDays(2).toString())))));
    assertEquals(
        List.of("endedOn"),
        errorFields(
            problemOf(422, () -> as(staff).post(ended(child), Map.of("endedOn", "2001-01-01")))));
    problemOf(400, () -> as(staff).post(ended(child), Map.of()));
    problemOf(400, () -> as(staff).post(ended(child), Map.of("endedOn", "igår")));
    assertEquals(
        List.of(true), column("SELECT placement_ended_on IS NULL FROM child WHERE id = ?", child));
    assertTrue(listed(child));
  }
}
