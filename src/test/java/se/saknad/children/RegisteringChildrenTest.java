package se.saknad.children;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.saknad.support.ApiTest;
import se.saknad.support.Json;
import se.saknad.support.TestDatabase;

@MicronautTest(transactional = false)
class RegisteringChildrenTest extends ApiTest {
  private UUID home;
  private UUID otherHome;
  private String staff;
  private String otherStaff;
  private String coordinator;

  @BeforeAll
  void homesAndPeople() {
    home = aHome().at(TYRESO_CENTRUM).create();
    otherHome = aHome().at(MALMO).create();
    staff = staffOf(home);
    otherStaff = staffOf(otherHome);
    coordinator = aUser().coordinator().create();
  }

  private List<String> auditedActions(UUID child) {
    return as(coordinator).get("/api/v1/audit?childId=" + child).strings("[*].action");
  }

  @Test
  void staffRegisterAChildOfTheirHomeAndReadItBack() {
    UUID id = aChild().inHome(home).named("Ahmad", "Karimi").create();
    Json child = as(staff).get("/api/v1/children/" + id);
    assertEquals("Ahmad", child.string("givenName"));
    assertEquals(home, child.uuid("homeId"));
    assertEquals(List.of("prs", "fa"), child.strings("languages"));
    assertTrue(child.integer("age") >= 16);
  }

  @Test
  void staffCannotRegisterOrSeeAnotherHomesChild() {
    problemOf(403, () -> aChild().inHome(home).named("Omid", "Rahimi").by(otherStaff).create());
    UUID id = aChild().inHome(home).named("Omid", "Rahimi").create();
    problemOf(404, () -> as(otherStaff).get("/api/v1/children/" + id));
    assertFalse(as(otherStaff).get("/api/v1/children").uuids("[*].id").contains(id));
    assertTrue(as(staff).get("/api/v1/children").uuids("[*].id").contains(id));
  }

  @Test
  void policeAndResearchersMayNotReadProfiles() {
    UUID id = aChild().inHome(home).named("Sami", "Noori").create();
    problemOf(403, () -> as(aUser().police("STOCKHOLM").create()).get("/api/v1/children/" + id));
    problemOf(403, () -> as(aUser().researcher().create()).get("/api/v1/children/" + id));
    problemOf(403, () -> aChild().inHome(home).named("A", "B").by(adminToken()).create());
  }

  @Test
  void socialServicesSeeChildrenTheirMunicipalityIsResponsibleFor() {
    UUID id = aChild().inHome(home).named("Jamal", "Hosseini").create();
    String tyreso = aUser().socialServices("0138").create();
    String malmo = aUser().socialServices("1280").create();
    assertEquals(id, as(tyreso).get("/api/v1/children/" + id).id());
    problemOf(404, () -> as(malmo).get("/api/v1/children/" + id));
  }

  @Test
  void aSecondChildWithTheSameDossierNumberIsAConflict() {
    String dossier = "UT-" + UUID.randomUUID().toString().substring(0, 8);
    UUID id = aChild().inHome(home).named("Reza", "Ahmadi").dossier(dossier).create();
    Json problem =
        problemOf(
            409, () -> aChild().inHome(home).named("Reza", "Ahmadi").dossier(dossier).create());
    assertEquals(id, problem.uuid("existingChildId"));
  }

  @Test
  void badProfilesAreRefusedWithTheFieldNamed() {
    assertEquals(
        List.of("nationality"),
        errorFields(problemOf(422, () -> aChild().inHome(home).nationality("XX").create())));
    // a national number is taken (and stored as E.164); a number no phone can have is not
    assertEquals(
        List.of("guardian.phone"),
        errorFields(
            problemOf(
                422,
                () ->
                    aChild()
                        .inHome(home)
                        .with("guardian", Map.of("name", "G", "phone", "070-12"))
                        .create())));
    assertEquals(
        List.of("dateOfBirth"),
        errorFields(
            problemOf(
                422, () -> aChild().inHome(home).with("dateOfBirth", "2090-01-01").create())));
    assertEquals(
        List.of("responsibleMunicipalityCode"),
        errorFields(
            problemOf(422, () -> aChild().inHome(home).responsibleMunicipality("0000").create())));
    problemOf(400, () -> aChild().inHome(home).gender("ROBOT").create());
    assertEquals(
        List.of("givenName"),
        errorFields(problemOf(400, () -> aChild().inHome(home).with("givenName", null).create())));
  }

  @Test
  void aChildWithoutAGenderIsRefusedAndNothingIsStored() {
    long before = TestDatabase.count("SELECT count(*) FROM child");
    assertEquals(
        List.of("gender"),
        errorFields(problemOf(400, () -> aChild().inHome(home).with("gender", null).create())));
    problemOf(400, () -> aChild().inHome(home).with("gender", "").create());
    assertEquals(before, TestDatabase.count("SELECT count(*) FROM child"));
  }

  @Test
  void anUpdateKeepsHistoryAndIsAudited() {
    UUID id = aChild().inHome(home).named("Hamid", "Sultani").create();
    Map<String, Object> changed = profile(home, "Hamid", "Sultani");
    changed.put("description", "Bär glasögon");
    assertEquals(
        "Bär glasögon", as(staff).put("/api/v1/children/" + id, changed).string("description"));
    List<String> actions = auditedActions(id);
    assertTrue(
        actions.containsAll(List.of("CHILD_REGISTERED", "CHILD_UPDATED")), actions.toString());
    as(staff).get("/api/v1/children/" + id);
    assertTrue(auditedActions(id).contains("CHILD_READ"));
    problemOf(403, () -> as(staff).get("/api/v1/audit?childId=" + id));
  }

  @Test
  void theDuplicateFinderMatchesSpellingVariantsAndDiacritics() {
    UUID id = aChild().inHome(home).named("Aḥmad", "Karīmī").create();
    UUID variant = aChild().inHome(otherHome).named("Ahmed", "Karimi").create();
    UUID tooOld =
        aChild()
            .inHome(otherHome)
            .named("Ahmed", "Karimi")
            .with("dateOfBirth", "2001-01-01")
            .create();
    List<UUID> ids =
        as(coordinator).get("/api/v1/children/" + id + "/possible-duplicates").uuids("[*].id");
    assertTrue(ids.contains(variant), ids.toString());
    assertFalse(ids.contains(tooOld), "an incompatible birth year is not a duplicate");
  }

  @Test
  void theSameDossierNumberIsAlwaysADuplicateAndACoordinatorCanMerge() {
    String dossier = "D-" + UUID.randomUUID().toString().substring(0, 8);
    UUID first = aChild().inHome(home).named("Mohammad", "Azizi").dossier(dossier).create();
    UUID second = aChild().inHome(otherHome).named("Muhammed", "Aziz").create();
    Json merged =
        as(coordinator).post("/api/v1/children/" + first + "/merge", Map.of("otherId", second));
    assertTrue(merged.strings("aliases").contains("Muhammed Aziz"));
    problemOf(404, () -> as(otherStaff).get("/api/v1/children/" + first));
    problemOf(
        403,
        () -> as(staff).post("/api/v1/children/" + first + "/merge", Map.of("otherId", second)));
    assertTrue(auditedActions(second).contains("CHILD_MERGED_AWAY"));
  }

  @Test
  void theHistorySaysWhoChangedWhatAndIsOnlyForThoseWhoMayReadTheChild() {
    UUID id = aChild().inHome(home).named("Historik", "Provsson").create();
    Map<String, Object> p = profile(home, "Historik", "Provsson");
    p.put("description", "Längre hår nu, glasögon");
    as(coordinator).put("/api/v1/children/" + id, p);

    Json history = as(staff).get("/api/v1/children/" + id + "/history");
    assertEquals(2, history.size());
    Json change = history.at("[1]");
    assertEquals(
        List.of("description", "updatedAt"),
        change.strings("changedFields").stream().filter(f -> !f.equals("version")).toList());
    assertTrue(change.string("changedByUsername").startsWith("coordinator-"));
    assertEquals("Längre hår nu, glasögon", change.string("after.description"));

    problemOf(404, () -> as(otherStaff).get("/api/v1/children/" + id + "/history"));
    String police = aUser().police("STOCKHOLM").create();
    problemOf(403, () -> as(police).get("/api/v1/children/" + id + "/history"));
    assertEquals(
        1L,
        TestDatabase.count(
            "SELECT count(*) FROM audit_event WHERE action = 'CHILD_HISTORY_READ' AND child_id = ?",
            id));
  }
}
