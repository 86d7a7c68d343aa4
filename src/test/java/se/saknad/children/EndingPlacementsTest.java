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

@MicronautTest(transactional = false)
class EndingPlacementsTest extends ApiTest {
  private UUID home;
  private String staff;
  private String coordinator;

  @BeforeAll
  void people() {
    home = newHome(TYRESO_CENTRUM);
    staff = userToken("HVB_STAFF", Map.of("homeId", home));
    coordinator = userToken("COORDINATOR", Map.of());
  }

  private String ended(UUID child) {
    return "/api/v1/children/" + child + "/placement-ended";
  }

  private boolean listed(UUID child) {
    return getList(staff, "/api/v1/children?homeId=" + home).stream()
        .anyMatch(c -> child.toString().equals(c.get("id")));
  }

  @Test
  void staffMarkAPlacementEndedAndTheChildLeavesTheHomesList() {
    UUID child = newChild(staff, profile(home, "Utflyttad", "Placeringsslut"));
    assertTrue(listed(child));
    String day = LocalDate.now().minusDays(3).toString();
    Map<String, Object> view = post(staff, ended(child), Map.of("endedOn", day));
    assertEquals(day, view.get("placementEndedOn"));
    assertFalse(listed(child), "a child who moved out is no longer the home's");
    assertEquals(day, get(staff, "/api/v1/children/" + child).get("placementEndedOn"));
    assertTrue(
        getList(staff, "/api/v1/children/" + child + "/history").stream()
            .anyMatch(
                h ->
                    "PLACEMENT_ENDED".equals(h.get("change"))
                        && ((List<?>) h.get("changedFields")).contains("placementEndedOn")));
    String corrected = LocalDate.now().minusDays(5).toString();
    assertEquals(
        corrected,
        post(coordinator, ended(child), Map.of("endedOn", corrected)).get("placementEndedOn"));
    assertEquals(
        List.of(2L),
        column(
            "SELECT count(*) FROM audit_event WHERE action = 'CHILD_PLACEMENT_ENDED'"
                + " AND child_id = ?",
            child));
  }

  @Test
  void onlyTheHomesStaffAndCoordinatorsEndAPlacement() {
    UUID child = newChild(staff, profile(home, "Kvar", "Placeringen"));
    Map<String, Object> body = Map.of("endedOn", LocalDate.now().toString());
    String otherStaff = userToken("HVB_STAFF", Map.of("homeId", newHome(MALMO)));
    problem(404, () -> post(otherStaff, ended(child), body));
    problem(404, () -> post(staff, ended(UUID.randomUUID()), body));
    for (String who :
        Arrays.asList(
            adminToken(),
            userToken("POLICE", Map.of("policeRegion", "STOCKHOLM")),
            userToken("SOCIAL_SERVICES", Map.of("municipalityCode", "0138")),
            userToken("RESEARCHER", Map.of()))) {
      problem(403, () -> post(who, ended(child), body));
    }
    assertEquals(
        List.of(true), column("SELECT placement_ended_on IS NULL FROM child WHERE id = ?", child));
  }

  @Test
  void aBadDayIsAProblemAndStoresNothing() {
    UUID child = newChild(staff, profile(home, "Felaktig", "Dag"));
    assertEquals(
        List.of("endedOn"),
        errorFields(
            problem(
                422,
                () ->
                    post(
                        staff,
                        ended(child),
                        Map.of("endedOn", LocalDate.now().plusDays(2).toString())))));
    assertEquals(
        List.of("endedOn"),
        errorFields(
            problem(422, () -> post(staff, ended(child), Map.of("endedOn", "2001-01-01")))));
    problem(400, () -> post(staff, ended(child), Map.of()));
    problem(400, () -> post(staff, ended(child), Map.of("endedOn", "igår")));
    assertEquals(
        List.of(true), column("SELECT placement_ended_on IS NULL FROM child WHERE id = ?", child));
    assertTrue(listed(child));
  }
}
