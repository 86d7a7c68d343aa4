package se.saknad.children;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.saknad.children.ChildApi.ChildView;
import se.saknad.security.Caller;
import se.saknad.security.Role;
import se.saknad.support.ApiTest;

/**
 * One rule says who may see which child (product brief, "Who may see what"); reading a profile, its
 * history, the duplicate finder and the list all keep to it.
 */
@MicronautTest(transactional = false)
class WhoMaySeeWhichChildTest extends ApiTest {
  @Inject ReadingChildren reading;

  private UUID tyresoHome;
  private String tyresoStaff;
  private String tyresoSocial;
  private String malmoSocial;
  private String umeaSocial;

  @BeforeAll
  void homesAndPeople() {
    tyresoHome = aHome().at(TYRESO_CENTRUM).create();
    tyresoStaff = staffOf(tyresoHome);
    tyresoSocial = aUser().socialServices("0138").create();
    malmoSocial = aUser().socialServices("1280").create();
    umeaSocial = aUser().socialServices("2480").create();
  }

  private List<UUID> listed(String token) {
    return as(token).get("/api/v1/children").uuids("[*].id");
  }

  @Test
  void socialServicesReadAChildWhoWentMissingInTheirMunicipalityButListOnlyTheirOwn() {
    UUID child = aChild().inHome(tyresoHome).named("Besökare", "Malmöfarare").create();
    aReport().of(child).by(tyresoStaff).lastSeenAt(MALMO).create();

    // Malmö, where the child went missing, may read the child as it may read the case.
    assertEquals(child, as(malmoSocial).get("/api/v1/children/" + child).id());
    as(malmoSocial).get("/api/v1/children/" + child + "/history");
    as(malmoSocial).get("/api/v1/children/" + child + "/possible-duplicates");
    // Umeå has nothing to do with the child: as if it did not exist.
    problemOf(404, () -> as(umeaSocial).get("/api/v1/children/" + child));
    problemOf(404, () -> as(umeaSocial).get("/api/v1/children/" + child + "/history"));
    problemOf(404, () -> as(umeaSocial).get("/api/v1/children/" + child + "/possible-duplicates"));

    // The list is the children the municipality is responsible for, not every child it may read.
    assertTrue(listed(tyresoSocial).contains(child));
    assertFalse(listed(malmoSocial).contains(child));
    assertFalse(listed(umeaSocial).contains(child));
  }

  @Test
  void rolesThatMayReadNoChildGetNoListEvenFromTheServiceItself() {
    aChild().inHome(tyresoHome).named("Synlig", "Föringen").create();
    // The endpoint refuses these roles already; the service must not rely on that.
    for (Caller caller :
        List.of(
            new Caller(UUID.randomUUID(), "police", Role.POLICE, null, null, null, "STOCKHOLM"),
            new Caller(UUID.randomUUID(), "researcher", Role.RESEARCHER, null, null, null, null))) {
      for (UUID homeId : Arrays.asList(null, tyresoHome)) {
        assertEquals(
            List.of(),
            reading.list(caller, homeId, null, null, "GET /api/v1/children").items().stream()
                .map(ChildView::id)
                .toList(),
            caller.role() + " " + homeId);
      }
    }
  }
}
