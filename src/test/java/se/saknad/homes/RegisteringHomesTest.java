package se.saknad.homes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.saknad.support.ApiTest;
import se.saknad.support.Json;

@MicronautTest(transactional = false)
class RegisteringHomesTest extends ApiTest {
  private static final Map<String, Object> TYRESO =
      Map.of(
          "name",
          "HVB Solrosen",
          "address",
          "Bollmoravägen 1, Tyresö",
          "location",
          Map.of("lat", 59.2435, "lon", 18.2290));

  @Test
  void aHomeTakesItsMunicipalityFromItsLocation() {
    Json home = as(adminToken()).post("/api/v1/homes", TYRESO);
    assertEquals("0138", home.string("municipalityCode"));
    assertEquals(home.id(), as(adminToken()).get("/api/v1/homes/" + home.id()).id());
  }

  @Test
  void staffSeeTheirOwnHomeButNoOther() {
    UUID own = aHome().at(TYRESO_CENTRUM).create();
    UUID other = aHome().at(TYRESO_CENTRUM).create();
    String staff = aUser().staffOf(own).create();
    assertEquals(own, as(staff).get("/api/v1/homes/" + own).id());
    problemOf(404, () -> as(staff).get("/api/v1/homes/" + other));
    problemOf(403, () -> as(staff).post("/api/v1/homes", TYRESO));
  }

  @Test
  void researchersAndPoliceMayNotReadHomes() {
    UUID home = aHome().create();
    problemOf(403, () -> as(aUser().researcher().create()).get("/api/v1/homes/" + home));
    problemOf(403, () -> as(aUser().police("STOCKHOLM").create()).get("/api/v1/homes/" + home));
  }

  @Test
  void aHomeOutsideSwedenIsRefusedAndNotStored() {
    int before = as(adminToken()).get("/api/v1/homes").size();
    Json problem =
        problemOf(
            422,
            () ->
                aHome()
                    .named("Paris")
                    .with("address", "Rue")
                    .at(Map.of("lat", 48.85, "lon", 2.35))
                    .create());
    assertEquals(List.of("location"), errorFields(problem));
    assertEquals(before, as(adminToken()).get("/api/v1/homes").size());
  }

  @Test
  void missingFieldsAreListed() {
    Json problem = problemOf(400, () -> as(adminToken()).post("/api/v1/homes", Map.of("name", "")));
    assertEquals(List.of("address", "location", "name"), errorFields(problem));
  }

  @Test
  void anUnknownHomeIs404() {
    problemOf(
        404, () -> as(adminToken()).get("/api/v1/homes/7c3a4e9a-0000-4000-8000-000000000000"));
  }
}
