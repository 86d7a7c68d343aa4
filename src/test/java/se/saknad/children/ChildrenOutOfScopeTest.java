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
    tyresoHome = newHome(TYRESO_CENTRUM);
    malmoHome = newHome(MALMO);
    tyresoStaff = userToken("HVB_STAFF", Map.of("homeId", tyresoHome));
    malmoStaff = userToken("HVB_STAFF", Map.of("homeId", malmoHome));
    tyresoSocial = userToken("SOCIAL_SERVICES", Map.of("municipalityCode", "0138"));
    coordinator = userToken("COORDINATOR", Map.of());
  }

  private Map<String, Object> malmoProfile(String given, String family) {
    Map<String, Object> p = profile(malmoHome, given, family);
    p.put("responsibleMunicipalityCode", "1280");
    return p;
  }

  private List<String> duplicateIds(String token, UUID child) {
    return getList(token, "/api/v1/children/" + child + "/possible-duplicates").stream()
        .map(c -> (String) c.get("id"))
        .toList();
  }

  private long audited(String action, UUID child) {
    return (Long)
        column("SELECT count(*) FROM audit_event WHERE action = ? AND child_id = ?", action, child)
            .get(0);
  }

  @Test
  void possibleDuplicatesShowOnlyChildrenTheCallerMayRead() {
    UUID mine = newChild(tyresoStaff, profile(tyresoHome, "Ghulamhaidar", "Wardakzai"));
    UUID theirs = newChild(malmoStaff, malmoProfile("Ghulamhaider", "Wardakzay"));

    assertFalse(duplicateIds(tyresoStaff, mine).contains(theirs.toString()));
    assertFalse(duplicateIds(tyresoSocial, mine).contains(theirs.toString()));
    assertFalse(duplicateIds(malmoStaff, theirs).contains(mine.toString()));
    assertEquals(0, audited("CHILD_SHOWN_AS_DUPLICATE", theirs));

    // Coordinators keep the national view, and every candidate shown is audited as a read.
    assertTrue(duplicateIds(coordinator, mine).contains(theirs.toString()));
    assertEquals(1, audited("CHILD_SHOWN_AS_DUPLICATE", theirs));
  }

  @Test
  void aDossierNumberHeldInAnotherHomeIsAConflictThatNamesNoChild() {
    String dossier = "UT-" + UUID.randomUUID().toString().substring(0, 8);
    personal(dossier);
    Map<String, Object> first = profile(tyresoHome, "Nasrullah", "Dawlatzai");
    first.put("dossierNumber", dossier);
    UUID existing = newChild(tyresoStaff, first);

    Map<String, Object> second = malmoProfile("Nasrulla", "Dawlatsai");
    second.put("dossierNumber", dossier);
    Map<String, Object> problem = problem(409, () -> post(malmoStaff, "/api/v1/children", second));
    assertEquals("urn:saknad:problem:dossier-number-exists", problem.get("type"));
    assertNull(problem.get("existingChildId"), problem.toString());
    assertFalse(problem.toString().contains(existing.toString()), problem.toString());
    assertTrue(String.valueOf(problem.get("detail")).contains("coordinator"), problem.toString());
    // The attempt is on the existing child's audit trail, for a coordinator to follow up.
    assertEquals(1, audited("DOSSIER_NUMBER_CONFLICT", existing));

    // Who may read the existing child is told which one it is.
    Map<String, Object> sameHome = profile(tyresoHome, "Nasrullah", "Dawlatzai");
    sameHome.put("dossierNumber", dossier);
    Map<String, Object> own = problem(409, () -> post(tyresoStaff, "/api/v1/children", sameHome));
    assertEquals(existing.toString(), own.get("existingChildId"));
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
