package se.saknad.children;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.saknad.support.ApiTest;
import se.saknad.support.ChildBuilder;
import se.saknad.support.Json;
import se.saknad.support.TestDatabase;

/** Side doors that must not show a child to someone who may not read it. */
@MicronautTest(transactional = false)
class ChildrenOutOfScopeTest extends ApiTest {
  private UUID tyresoHome;
  private UUID malmoHome;
  private String tyresoStaff;
  private String malmoStaff;
  private String tyresoSocial;
  private String coordinator;

  @BeforeAll
  void homesAndPeople() {
    tyresoHome = aHome().at(TYRESO_CENTRUM).create();
    malmoHome = aHome().at(MALMO).create();
    tyresoStaff = staffOf(tyresoHome);
    malmoStaff = staffOf(malmoHome);
    tyresoSocial = aUser().socialServices("0138").create();
    coordinator = aUser().coordinator().create();
  }

  private ChildBuilder aMalmoChild(String given, String family) {
    return aChild().inHome(malmoHome).named(given, family).responsibleMunicipality("1280");
  }

  private List<UUID> duplicateIds(String token, UUID child) {
    return as(token).get("/api/v1/children/" + child + "/possible-duplicates").uuids("[*].id");
  }

  private long audited(String action, UUID child) {
    return TestDatabase.count(
        "SELECT count(*) FROM audit_event WHERE action = ? AND child_id = ?", action, child);
  }

  @Test
  void possibleDuplicatesShowOnlyChildrenTheCallerMayRead() {
    UUID mine = aChild().inHome(tyresoHome).named("Ghulamhaidar", "Wardakzai").create();
    UUID theirs = aMalmoChild("Ghulamhaider", "Wardakzay").create();

    assertFalse(duplicateIds(tyresoStaff, mine).contains(theirs));
    assertFalse(duplicateIds(tyresoSocial, mine).contains(theirs));
    assertFalse(duplicateIds(malmoStaff, theirs).contains(mine));
    assertEquals(0, audited("CHILD_SHOWN_AS_DUPLICATE", theirs));

    // Coordinators keep the national view, and every candidate shown is audited as a read.
    assertTrue(duplicateIds(coordinator, mine).contains(theirs));
    assertEquals(1, audited("CHILD_SHOWN_AS_DUPLICATE", theirs));
  }

  @Test
  void aDossierNumberHeldInAnotherHomeIsAConflictThatNamesNoChild() {
    String dossier = "UT-" + UUID.randomUUID().toString().substring(0, 8);
    personal(dossier);
    UUID existing =
        aChild().inHome(tyresoHome).named("Nasrullah", "Dawlatzai").dossier(dossier).create();

    Json problem =
        problemOf(409, () -> aMalmoChild("Nasrulla", "Dawlatsai").dossier(dossier).create());
    assertEquals("urn:saknad:problem:dossier-number-exists", problem.string("type"));
    assertNull(problem.string("existingChildId"), problem.toString());
    assertFalse(problem.toString().contains(existing.toString()), problem.toString());
    assertTrue(
        String.valueOf(problem.string("detail")).contains("coordinator"), problem.toString());
    // The attempt is on the existing child's audit trail, for a coordinator to follow up.
    assertEquals(1, audited("DOSSIER_NUMBER_CONFLICT", existing));

    // Who may read the existing child is told which one it is.
    Json own =
        problemOf(
            409,
            () ->
                aChild()
                    .inHome(tyresoHome)
                    .named("Nasrullah", "Dawlatzai")
                    .dossier(dossier)
                    .create());
    assertEquals(existing, own.uuid("existingChildId"));
  }

  @Test
  void simultaneousRegistrationsWithOneDossierNumberAreOneChildAndConflicts() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      for (int round = 0; round < 6; round++) {
        String dossier = "SIM-" + UUID.randomUUID().toString().substring(0, 8);
        personal(dossier);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
          Map<String, Object> p = profile(tyresoHome, "Samtidig", "Registrering");
          p.put("dossierNumber", dossier);
          answers.add(
              pool.submit(
                  () -> {
                    start.await();
                    try {
                      return http()
                          .exchange(as(tyresoStaff, HttpRequest.POST("/api/v1/children", p)))
                          .getStatus()
                          .getCode();
                    } catch (HttpClientResponseException e) {
                      return e.getStatus().getCode();
                    }
                  }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> answer : answers) {
          statuses.add(answer.get());
        }
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(5, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
