package se.saknad.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.saknad.support.ApiTest;
import se.saknad.support.Json;

@MicronautTest(transactional = false)
class ManagingUsersTest extends ApiTest {

  @Test
  void anAdministratorCreatesAPoliceUserBoundToARegion() {
    Json created =
        as(adminToken())
            .post(
                "/api/v1/users",
                Map.of(
                    "username",
                    "polis-syd-1",
                    "password",
                    PASSWORD,
                    "role",
                    "POLICE",
                    "policeRegion",
                    "SYD"));
    assertNotNull(created.id());
    assertEquals("SYD", created.string("policeRegion"));
    assertFalse(created.has("password"));
    assertFalse(created.has("passwordHash"));
    assertNotNull(login("polis-syd-1", PASSWORD));
  }

  @Test
  void aCoordinatorMayNotCreateUsers() {
    String coordinator = aUser().coordinator().create();
    Json problem =
        problemOf(
            403,
            () ->
                as(coordinator)
                    .post(
                        "/api/v1/users",
                        Map.of("username", "sneaky", "password", PASSWORD, "role", "ADMIN")));
    assertEquals("urn:saknad:problem:forbidden", problem.string("type"));
  }

  @Test
  void missingAndMalformedFieldsAreListed() {
    Json problem =
        problemOf(
            400,
            () ->
                as(adminToken())
                    .post("/api/v1/users", Map.of("username", "x", "password", "short")));
    assertTrue(
        errorFields(problem).containsAll(List.of("password", "role", "username")),
        problem.toString());
  }

  @Test
  void anUnknownRoleIsABadRequest() {
    problemOf(
        400,
        () ->
            as(adminToken())
                .post(
                    "/api/v1/users",
                    Map.of("username", "someone", "password", PASSWORD, "role", "KING")));
  }

  @Test
  void socialServicesNeedAKnownMunicipality() {
    Json missing =
        problemOf(
            422,
            () ->
                as(adminToken())
                    .post(
                        "/api/v1/users",
                        Map.of(
                            "username", "soc-a", "password", PASSWORD, "role", "SOCIAL_SERVICES")));
    assertEquals(List.of("municipalityCode"), errorFields(missing));
    Json unknown =
        problemOf(
            422,
            () ->
                as(adminToken())
                    .post(
                        "/api/v1/users",
                        Map.of(
                            "username",
                            "soc-b",
                            "password",
                            PASSWORD,
                            "role",
                            "SOCIAL_SERVICES",
                            "municipalityCode",
                            "9999")));
    assertEquals(List.of("municipalityCode"), errorFields(unknown));
  }

  @Test
  void aTakenUsernameIsAConflictAndNothingIsStoredTwice() {
    Map<String, Object> body =
        Map.of("username", "unique-one", "password", PASSWORD, "role", "RESEARCHER");
    as(adminToken()).post("/api/v1/users", body);
    problemOf(409, () -> as(adminToken()).post("/api/v1/users", body));
    assertEquals(
        1, as(adminToken()).get("/api/v1/users").list("[?(@.username == 'unique-one')]").size());
  }
}
