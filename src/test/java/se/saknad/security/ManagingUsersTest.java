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

@MicronautTest(transactional = false)
class ManagingUsersTest extends ApiTest {

  @Test
  void anAdministratorCreatesAPoliceUserBoundToARegion() {
    Map<String, Object> created =
        post(
            adminToken(),
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
    assertNotNull(created.get("id"));
    assertEquals("SYD", created.get("policeRegion"));
    assertFalse(created.containsKey("password"));
    assertFalse(created.containsKey("passwordHash"));
    assertNotNull(login("polis-syd-1", PASSWORD));
  }

  @Test
  void aCoordinatorMayNotCreateUsers() {
    String coordinator = userToken("COORDINATOR", Map.of());
    Map<String, Object> problem =
        problem(
            403,
            () ->
                post(
                    coordinator,
                    "/api/v1/users",
                    Map.of("username", "sneaky", "password", PASSWORD, "role", "ADMIN")));
    assertEquals("urn:saknad:problem:forbidden", problem.get("type"));
  }

  @Test
  void missingAndMalformedFieldsAreListed() {
    Map<String, Object> problem =
        problem(
            400,
            () ->
                post(adminToken(), "/api/v1/users", Map.of("username", "x", "password", "short")));
    assertTrue(
        errorFields(problem).containsAll(List.of("password", "role", "username")),
        problem.toString());
  }

  @Test
  void anUnknownRoleIsABadRequest() {
    problem(
        400,
        () ->
            post(
                adminToken(),
                "/api/v1/users",
                Map.of("username", "someone", "password", PASSWORD, "role", "KING")));
  }

  @Test
  void socialServicesNeedAKnownMunicipality() {
    Map<String, Object> missing =
        problem(
            422,
            () ->
                post(
                    adminToken(),
                    "/api/v1/users",
                    Map.of("username", "soc-a", "password", PASSWORD, "role", "SOCIAL_SERVICES")));
    assertEquals(List.of("municipalityCode"), errorFields(missing));
    Map<String, Object> unknown =
        problem(
            422,
            () ->
                post(
                    adminToken(),
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
    post(adminToken(), "/api/v1/users", body);
    problem(409, () -> post(adminToken(), "/api/v1/users", body));
    long count =
        getList(adminToken(), "/api/v1/users").stream()
            .filter(u -> "unique-one".equals(u.get("username")))
            .count();
    assertEquals(1, count);
  }
}
