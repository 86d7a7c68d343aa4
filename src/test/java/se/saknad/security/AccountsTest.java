package se.saknad.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import se.saknad.support.ApiTest;
import se.saknad.support.TestDatabase;

/** Accounts can be disabled, enabled and reset by an admin; everyone changes their own password. */
@MicronautTest(transactional = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccountsTest extends ApiTest {

  private record Account(UUID id, String username, String token) {}

  private Account newAccount(String role, Map<String, Object> bindings) {
    String username = "konto-" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, Object> body = new HashMap<>(bindings);
    body.put("username", username);
    body.put("password", PASSWORD);
    body.put("role", role);
    UUID id = UUID.fromString((String) post(adminToken(), "/api/v1/users", body).get("id"));
    return new Account(id, username, login(username, PASSWORD));
  }

  private Map<String, Object> patch(String token, UUID user, Map<String, Object> body) {
    return http()
        .retrieve(
            as(token, HttpRequest.PATCH("/api/v1/users/" + user, body)),
            io.micronaut.core.type.Argument.mapOf(String.class, Object.class));
  }

  private int changeOwnPassword(String token, String current, String next) {
    return http()
        .exchange(
            as(
                token,
                HttpRequest.PUT(
                    "/api/v1/users/me/password",
                    Map.of("currentPassword", current, "newPassword", next))))
        .code();
  }

  private List<Object> auditedActions(UUID user) {
    return column("SELECT action FROM audit_event WHERE subject_user_id = ? ORDER BY id", user);
  }

  // ---- 7: lifecycle ----

  @Test
  void aDisabledUsersTokensStopWorkingAtOnceAndStayDeadAfterEnabling() {
    Account police = newAccount("POLICE", Map.of("policeRegion", "STOCKHOLM"));
    getList(police.token(), "/api/v1/cases");

    Map<String, Object> disabled = patch(adminToken(), police.id(), Map.of("enabled", false));
    assertEquals(false, disabled.get("enabled"));
    problem(401, () -> getList(police.token(), "/api/v1/cases"));
    problem(401, () -> login(police.username(), PASSWORD));

    assertEquals(true, patch(adminToken(), police.id(), Map.of("enabled", true)).get("enabled"));
    problem(401, () -> getList(police.token(), "/api/v1/cases"));
    getList(login(police.username(), PASSWORD), "/api/v1/cases");
    assertEquals(List.of("USER_DISABLED", "USER_ENABLED"), auditedActions(police.id()));
  }

  @Test
  void aPasswordResetEndsTheUsersTokensAndOnlyTheNewPasswordWorks() {
    Account social = newAccount("SOCIAL_SERVICES", Map.of("municipalityCode", "0138"));
    String fresh = "nytt lösenord för soc 2026";
    patch(adminToken(), social.id(), Map.of("password", fresh));
    problem(401, () -> getList(social.token(), "/api/v1/cases"));
    problem(401, () -> login(social.username(), PASSWORD));
    getList(login(social.username(), fresh), "/api/v1/cases");
    assertEquals(List.of("USER_PASSWORD_RESET"), auditedActions(social.id()));
  }

  @Test
  void usersChangeTheirOwnPasswordWithTheCurrentOne() {
    Account researcher = newAccount("RESEARCHER", Map.of());
    Map<String, Object> wrong =
        problem(
            422,
            () -> changeOwnPassword(researcher.token(), "not my password", "ett helt nytt lösen"));
    assertEquals(List.of("currentPassword"), errorFields(wrong));
    assertEquals(204, changeOwnPassword(researcher.token(), PASSWORD, "ett helt nytt lösen"));
    // Every earlier token ends with the old password.
    problem(401, () -> getList(researcher.token(), "/api/v1/debriefs/codes"));
    problem(401, () -> login(researcher.username(), PASSWORD));
    assertNotNull(login(researcher.username(), "ett helt nytt lösen"));
    assertEquals(List.of("PASSWORD_CHANGED"), auditedActions(researcher.id()));
  }

  @Test
  void onlyAdministratorsManageAccountsAndNotTheirOwnAccess() {
    Account staff = newAccount("HVB_STAFF", Map.of("homeId", newHome(TYRESO_CENTRUM)));
    String coordinator = userToken("COORDINATOR", Map.of());
    problem(403, () -> patch(coordinator, staff.id(), Map.of("enabled", false)));
    problem(403, () -> patch(staff.token(), staff.id(), Map.of("password", "försök att ta över")));
    problem(404, () -> patch(adminToken(), UUID.randomUUID(), Map.of("enabled", false)));
    problem(400, () -> patch(adminToken(), staff.id(), Map.of("enabled", "no")));
    problem(400, () -> patch(adminToken(), staff.id(), Map.of()));
    UUID adminId =
        getList(adminToken(), "/api/v1/users").stream()
            .filter(u -> "admin".equals(u.get("username")))
            .map(u -> UUID.fromString((String) u.get("id")))
            .findFirst()
            .orElseThrow();
    // An administrator cannot lock themselves out.
    problem(422, () -> patch(adminToken(), adminId, Map.of("enabled", false)));
    getList(staff.token(), "/api/v1/children");
    problem(
        401,
        () ->
            http()
                .exchange(
                    HttpRequest.PUT(
                        "/api/v1/users/me/password",
                        Map.of(
                            "currentPassword", PASSWORD, "newPassword", "ett helt nytt lösen"))));
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void theFirstAdministratorChangesTheirPasswordLikeEveryoneElse() {
    String token = login("admin", ADMIN_PASSWORD);
    String interim = "tillfälligt admin-lösen 7";
    assertEquals(204, changeOwnPassword(token, ADMIN_PASSWORD, interim));
    problem(401, () -> login("admin", ADMIN_PASSWORD));
    assertEquals(204, changeOwnPassword(login("admin", interim), interim, ADMIN_PASSWORD));
    assertNotNull(login("admin", ADMIN_PASSWORD));
  }

  // ---- 8: password rules ----

  @Test
  void passwordsAreTwelveToSeventyTwoBytesEverywhere() {
    Map<String, Object> tooShort =
        problem(
            400,
            () ->
                post(
                    adminToken(),
                    "/api/v1/users",
                    Map.of(
                        "username",
                        "kort-losen",
                        "password",
                        "elva tecken",
                        "role",
                        "RESEARCHER")));
    assertEquals(List.of("password"), errorFields(tooShort));
    // 37 characters, 74 bytes: bcrypt reads only 72.
    String tooLong = "å".repeat(37);
    Map<String, Object> created =
        problem(
            422,
            () ->
                post(
                    adminToken(),
                    "/api/v1/users",
                    Map.of("username", "lang-losen", "password", tooLong, "role", "RESEARCHER")));
    assertEquals(List.of("password"), errorFields(created));
    Account researcher = newAccount("RESEARCHER", Map.of());
    problem(422, () -> patch(adminToken(), researcher.id(), Map.of("password", tooLong)));
    problem(422, () -> changeOwnPassword(researcher.token(), PASSWORD, tooLong));
    // Signing in with a long password is a plain refusal, not a failure of the service.
    problem(401, () -> login(researcher.username(), "x".repeat(150)));
    assertEquals(
        List.of(0L), column("SELECT count(*) FROM app_user WHERE username = 'lang-losen'"));
  }

  @Test
  void commonPasswordsAreRefused() {
    for (String common :
        List.of("password1234", "Qwerty123456", "123456789012", "aaaaaaaaaaaaaa")) {
      Map<String, Object> problem =
          problem(
              422,
              () ->
                  post(
                      adminToken(),
                      "/api/v1/users",
                      Map.of(
                          "username", "vanlig-losen", "password", common, "role", "RESEARCHER")));
      assertEquals(List.of("password"), errorFields(problem), common);
    }
    Account researcher = newAccount("RESEARCHER", Map.of());
    problem(422, () -> patch(adminToken(), researcher.id(), Map.of("password", "iloveyou1234")));
    problem(422, () -> changeOwnPassword(researcher.token(), PASSWORD, "1q2w3e4r5t6y"));
  }

  @Test
  void aWeakAdminPasswordFromTheEnvironmentStopsTheStart() {
    Map<String, Object> properties = new HashMap<>(TestDatabase.properties());
    properties.put("saknad.admin-password", "password1234");
    properties.put("micronaut.server.port", -1);
    Throwable failure = null;
    try (ApplicationContext context = ApplicationContext.run(properties, "test")) {
      // started: no failure
    } catch (RuntimeException e) {
      failure = e;
    }
    assertNotNull(failure, "the service started with a common admin password");
    StringBuilder messages = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      messages.append(t.getMessage()).append('\n');
    }
    assertTrue(messages.toString().contains("SAKNAD_ADMIN_PASSWORD"), messages.toString());
  }
}
