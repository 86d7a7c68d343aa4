package se.saknad.children;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.saknad.support.ApiTest;

@MicronautTest(transactional = false)
class RegisteringChildrenTest extends ApiTest {
  private UUID home;
  private UUID otherHome;
  private String staff;
  private String otherStaff;
  private String coordinator;

  @BeforeAll
  void homesAndPeople() {
    home = newHome(TYRESO_CENTRUM);
    otherHome = newHome(MALMO);
    staff = userToken("HVB_STAFF", Map.of("homeId", home));
    otherStaff = userToken("HVB_STAFF", Map.of("homeId", otherHome));
    coordinator = userToken("COORDINATOR", Map.of());
  }

  @Test
  void staffRegisterAChildOfTheirHomeAndReadItBack() {
    UUID id = newChild(staff, profile(home, "Ahmad", "Karimi"));
    Map<String, Object> child = get(staff, "/api/v1/children/" + id);
    assertEquals("Ahmad", child.get("givenName"));
    assertEquals(home.toString(), child.get("homeId"));
    assertEquals(List.of("prs", "fa"), child.get("languages"));
    assertTrue(((Number) child.get("age")).intValue() >= 16);
  }

  @Test
  void staffCannotRegisterOrSeeAnotherHomesChild() {
    problem(403, () -> post(otherStaff, "/api/v1/children", profile(home, "Omid", "Rahimi")));
    UUID id = newChild(staff, profile(home, "Omid", "Rahimi"));
    problem(404, () -> get(otherStaff, "/api/v1/children/" + id));
    assertFalse(
        getList(otherStaff, "/api/v1/children").stream()
            .anyMatch(c -> id.toString().equals(c.get("id"))));
    assertTrue(
        getList(staff, "/api/v1/children").stream()
            .anyMatch(c -> id.toString().equals(c.get("id"))));
  }

  @Test
  void policeAndResearchersMayNotReadProfiles() {
    UUID id = newChild(staff, profile(home, "Sami", "Noori"));
    problem(
        403,
        () ->
            get(
                userToken("POLICE", Map.of("policeRegion", "STOCKHOLM")),
                "/api/v1/children/" + id));
    problem(403, () -> get(userToken("RESEARCHER", Map.of()), "/api/v1/children/" + id));
    problem(403, () -> post(adminToken(), "/api/v1/children", profile(home, "A", "B")));
  }

  @Test
  void socialServicesSeeChildrenTheirMunicipalityIsResponsibleFor() {
    UUID id = newChild(staff, profile(home, "Jamal", "Hosseini"));
    String tyreso = userToken("SOCIAL_SERVICES", Map.of("municipalityCode", "0138"));
    String malmo = userToken("SOCIAL_SERVICES", Map.of("municipalityCode", "1280"));
    assertEquals(id.toString(), get(tyreso, "/api/v1/children/" + id).get("id"));
    problem(404, () -> get(malmo, "/api/v1/children/" + id));
  }

  @Test
  void aSecondChildWithTheSameDossierNumberIsAConflict() {
    Map<String, Object> first = profile(home, "Reza", "Ahmadi");
    first.put("dossierNumber", "UT-" + UUID.randomUUID().toString().substring(0, 8));
    UUID id = newChild(staff, first);
    Map<String, Object> problem = problem(409, () -> post(staff, "/api/v1/children", first));
    assertEquals(id.toString(), problem.get("existingChildId"));
  }

  @Test
  void badProfilesAreRefusedWithTheFieldNamed() {
    Map<String, Object> p = profile(home, "X", "Y");
    p.put("nationality", "XX");
    assertEquals(
        List.of("nationality"),
        errorFields(problem(422, () -> post(staff, "/api/v1/children", p))));
    Map<String, Object> phone = profile(home, "X", "Y");
    // a national number is taken (and stored as E.164); a number no phone can have is not
    phone.put("guardian", Map.of("name", "G", "phone", "070-12"));
    assertEquals(
        List.of("guardian.phone"),
        errorFields(problem(422, () -> post(staff, "/api/v1/children", phone))));
    Map<String, Object> future = profile(home, "X", "Y");
    future.put("dateOfBirth", "2090-01-01");
    assertEquals(
        List.of("dateOfBirth"),
        errorFields(problem(422, () -> post(staff, "/api/v1/children", future))));
    Map<String, Object> municipality = profile(home, "X", "Y");
    municipality.put("responsibleMunicipalityCode", "0000");
    assertEquals(
        List.of("responsibleMunicipalityCode"),
        errorFields(problem(422, () -> post(staff, "/api/v1/children", municipality))));
    Map<String, Object> gender = profile(home, "X", "Y");
    gender.put("gender", "ROBOT");
    problem(400, () -> post(staff, "/api/v1/children", gender));
    Map<String, Object> missing = new HashMap<>(profile(home, "X", "Y"));
    missing.remove("givenName");
    assertEquals(
        List.of("givenName"),
        errorFields(problem(400, () -> post(staff, "/api/v1/children", missing))));
  }

  @Test
  void anUpdateKeepsHistoryAndIsAudited() {
    UUID id = newChild(staff, profile(home, "Hamid", "Sultani"));
    Map<String, Object> changed = profile(home, "Hamid", "Sultani");
    changed.put("description", "Bär glasögon");
    assertEquals("Bär glasögon", put(staff, "/api/v1/children/" + id, changed).get("description"));
    List<Map<String, Object>> audit = getList(coordinator, "/api/v1/audit?childId=" + id);
    List<Object> actions = audit.stream().map(a -> a.get("action")).toList();
    assertTrue(
        actions.containsAll(List.of("CHILD_REGISTERED", "CHILD_UPDATED")), actions.toString());
    get(staff, "/api/v1/children/" + id);
    assertTrue(
        getList(coordinator, "/api/v1/audit?childId=" + id).stream()
            .anyMatch(a -> "CHILD_READ".equals(a.get("action"))));
    problem(403, () -> getList(staff, "/api/v1/audit?childId=" + id));
  }

  @Test
  void theDuplicateFinderMatchesSpellingVariantsAndDiacritics() {
    Map<String, Object> original = profile(home, "Ahmad", "Karimi");
    original.put("givenName", "Aḥmad");
    original.put("familyName", "Karīmī");
    UUID id = newChild(staff, original);
    UUID variant = newChild(otherStaff, profile(otherHome, "Ahmed", "Karimi"));
    Map<String, Object> unrelated = profile(otherHome, "Ahmed", "Karimi");
    unrelated.put("dateOfBirth", "2001-01-01");
    UUID tooOld = newChild(otherStaff, unrelated);
    List<Object> ids =
        getList(coordinator, "/api/v1/children/" + id + "/possible-duplicates").stream()
            .map(c -> c.get("id"))
            .toList();
    assertTrue(ids.contains(variant.toString()), ids.toString());
    assertFalse(ids.contains(tooOld.toString()), "an incompatible birth year is not a duplicate");
  }

  @Test
  void theSameDossierNumberIsAlwaysADuplicateAndACoordinatorCanMerge() {
    String dossier = "D-" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, Object> a = profile(home, "Mohammad", "Azizi");
    a.put("dossierNumber", dossier);
    UUID first = newChild(staff, a);
    UUID second = newChild(otherStaff, profile(otherHome, "Muhammed", "Aziz"));
    Map<String, Object> merged =
        post(coordinator, "/api/v1/children/" + first + "/merge", Map.of("otherId", second));
    assertTrue(((List<?>) merged.get("aliases")).contains("Muhammed Aziz"));
    problem(404, () -> get(otherStaff, "/api/v1/children/" + first));
    problem(
        403, () -> post(staff, "/api/v1/children/" + first + "/merge", Map.of("otherId", second)));
    assertTrue(
        getList(coordinator, "/api/v1/audit?childId=" + second).stream()
            .anyMatch(e -> "CHILD_MERGED_AWAY".equals(e.get("action"))));
  }

  @Test
  @SuppressWarnings("unchecked")
  void theHistorySaysWhoChangedWhatAndIsOnlyForThoseWhoMayReadTheChild() {
    Map<String, Object> p = profile(home, "Historik", "Provsson");
    UUID id = newChild(staff, p);
    p.put("description", "Längre hår nu, glasögon");
    put(coordinator, "/api/v1/children/" + id, p);

    List<Map<String, Object>> history = getList(staff, "/api/v1/children/" + id + "/history");
    assertEquals(2, history.size());
    Map<String, Object> change = history.get(1);
    assertEquals(
        List.of("description", "updatedAt"),
        ((List<String>) change.get("changedFields"))
            .stream().filter(f -> !f.equals("version")).toList());
    assertTrue(((String) change.get("changedByUsername")).startsWith("coordinator-"));
    assertEquals(
        "Längre hår nu, glasögon", ((Map<String, Object>) change.get("after")).get("description"));

    problem(404, () -> getList(otherStaff, "/api/v1/children/" + id + "/history"));
    String police = userToken("POLICE", Map.of("policeRegion", "STOCKHOLM"));
    problem(403, () -> getList(police, "/api/v1/children/" + id + "/history"));
    assertEquals(
        List.of(1L),
        column(
            "SELECT count(*) FROM audit_event WHERE action = 'CHILD_HISTORY_READ' AND child_id = ?",
            id));
  }
}
