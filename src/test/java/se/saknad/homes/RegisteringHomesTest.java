package se.saknad.homes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.saknad.support.ApiTest;

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
    Map<String, Object> home = post(adminToken(), "/api/v1/homes", TYRESO);
    assertEquals("0138", home.get("municipalityCode"));
    assertEquals(home.get("id"), get(adminToken(), "/api/v1/homes/" + home.get("id")).get("id"));
  }

  @Test
  void staffSeeTheirOwnHomeButNoOther() {
    Map<String, Object> own = post(adminToken(), "/api/v1/homes", TYRESO);
    Map<String, Object> other = post(adminToken(), "/api/v1/homes", TYRESO);
    String staff = userToken("HVB_STAFF", Map.of("homeId", own.get("id")));
    assertEquals(own.get("id"), get(staff, "/api/v1/homes/" + own.get("id")).get("id"));
    problem(404, () -> get(staff, "/api/v1/homes/" + other.get("id")));
    problem(403, () -> post(staff, "/api/v1/homes", TYRESO));
  }

  @Test
  void researchersAndPoliceMayNotReadHomes() {
    Map<String, Object> home = post(adminToken(), "/api/v1/homes", TYRESO);
    problem(403, () -> get(userToken("RESEARCHER", Map.of()), "/api/v1/homes/" + home.get("id")));
    problem(
        403,
        () ->
            get(
                userToken("POLICE", Map.of("policeRegion", "STOCKHOLM")),
                "/api/v1/homes/" + home.get("id")));
  }

  @Test
  void aHomeOutsideSwedenIsRefusedAndNotStored() {
    int before = getList(adminToken(), "/api/v1/homes").size();
    Map<String, Object> problem =
        problem(
            422,
            () ->
                post(
                    adminToken(),
                    "/api/v1/homes",
                    Map.of(
                        "name",
                        "Paris",
                        "address",
                        "Rue",
                        "location",
                        Map.of("lat", 48.85, "lon", 2.35))));
    assertEquals(List.of("location"), errorFields(problem));
    assertEquals(before, getList(adminToken(), "/api/v1/homes").size());
  }

  @Test
  void missingFieldsAreListed() {
    Map<String, Object> problem =
        problem(400, () -> post(adminToken(), "/api/v1/homes", Map.of("name", "")));
    assertEquals(List.of("address", "location", "name"), errorFields(problem));
  }

  @Test
  void anUnknownHomeIs404() {
    problem(404, () -> get(adminToken(), "/api/v1/homes/7c3a4e9a-0000-4000-8000-000000000000"));
  }
}
