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
import se.saknad.support.Json;
import se.saknad.support.TestDatabase;
import se.saknad.support.UserBuilder;
import se.saknad.support.UserBuilder.Account;

/** Accounts can be disabled, enabled and reset by an admin; everyone changes their own password. */
@MicronautTest(transactional = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccountsTest extends ApiTest {

  private UserBuilder anAccount() {
    return aUser().named("konto-" + UUID.randomUUID().toString().substring(0, 8));
  }

  private Json patch(String token, UUID user, Map<String, Object> body) {
    return as(token).patch("/api/v1/users/" + user, body);
  }

  private Json newUser(String username, String password) {
    return as(adminToken())
        .post(
            "/api/v1/users",
            Map.of("username", username, "password", password, "role", "RESEARCHER"));
  }

  private int changeOwnPassword(String token, String current, String next) {
    return as(token)
        .exchange(
            HttpRequest.PUT(
                "/api/v1/users/me/password",
                Map.of("currentPassword", current, "newPassword", next)))
        .code();
  }

  private List<Object> auditedActions(UUID user) {
    return column("SELECT action FROM audit_event WHERE subject_user_id = ? ORDER BY id", user);
  }

  // ---- 7: lifecycle ----

  @Test
  void aDisabledUsersTokensStopWorkingAtOnceAndStayDeadAfterEnabling() {
    Account police = anAccount().police("STOCKHOLM").createAccount();
    as(police.token()).get("/api/v1/cases");

    Json disabled = patch(adminToken(), police.id(), Map.of("enabled", false));
    assertEquals(false, disabled.flag("enabled"));
    problemOf(401, () -> as(police.token()).get("/api/v1/cases"));
    problemOf(401, () -> login(police.username(), PASSWORD));

    assertEquals(true, patch(adminToken(), police.id(), Map.of("enabled", true)).flag("enabled"));
    problemOf(401, () -> as(police.token()).get("/api/v1/cases"));
    as(login(police.username(), PASSWORD)).get("/api/v1/cases");
    assertEquals(List.of("USER_DISABLED", "USER_ENABLED"), auditedActions(police.id()));
  }

  @Test
  void aPasswordResetEndsTheUsersTokensAndOnlyTheNewPasswordWorks() {
    Account social = anAccount().socialServices("0138").createAccount();
    String fresh = "nytt lösenord för soc 2026";
    patch(adminToken(), social.id(), Map.of("password", fresh));
    problemOf(401, () -> as(social.token()).get("/api/v1/cases"));
    problemOf(401, () -> login(social.username(), PASSWORD));
    as(login(social.username(), fresh)).get("/api/v1/cases");
    assertEquals(List.of("USER_PASSWORD_RESET"), auditedActions(social.id()));
  }

  @Test
  void usersChangeTheirOwnPasswordWithTheCurrentOne() {
    Account researcher = anAccount().researcher().createAccount();
    Json wrong =
        problemOf(
            422,
            () -> changeOwnPassword(researcher.token(), "not my password", "ett helt nytt lösen"));
    assertEquals(List.of("currentPassword"), errorFields(wrong));
    assertEquals(204, changeOwnPassword(researcher.token(), PASSWORD, "ett helt nytt lösen"));
    // Every earlier token ends with the old password.
    problemOf(401, () -> as(researcher.token()).get("/api/v1/debriefs/codes"));
    problemOf(401, () -> login(researcher.username(), PASSWORD));
    assertNotNull(login(researcher.username(), "ett helt nytt lösen"));
    assertEquals(List.of("PASSWORD_CHANGED"), auditedActions(researcher.id()));
  }

  @Test
  void onlyAdministratorsManageAccountsAndNotTheirOwnAccess() {
    Account staff = anAccount().staffOf(aHome().at(TYRESO_CENTRUM).create()).createAccount();
    String coordinator = aUser().coordinator().create();
    problemOf(403, () -> patch(coordinator, staff.id(), Map.of("enabled", false)));
    problemOf(
        403, () -> patch(staff.token(), staff.id(), Map.of("password", "försök att ta över")));
    problemOf(404, () -> patch(adminToken(), UUID.randomUUID(), Map.of("enabled", false)));
    problemOf(400, () -> patch(adminToken(), staff.id(), Map.of("enabled", "no")));
    problemOf(400, () -> patch(adminToken(), staff.id(), Map.of()));
    UUID adminId =
        as(adminToken()).get("/api/v1/users").uuids("[?(@.username == 'admin')].id").get(0);
    // An administrator cannot lock themselves out.
    problemOf(422, () -> patch(adminToken(), adminId, Map.of("enabled", false)));
    as(staff.token()).get("/api/v1/children");
    problemOf(
        401,
        () ->
            as(null)
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
    problemOf(401, () -> login("admin", ADMIN_PASSWORD));
    assertEquals(204, changeOwnPassword(login("admin", interim), interim, ADMIN_PASSWORD));
    assertNotNull(login("admin", ADMIN_PASSWORD));
  }

  // ---- 8: password rules ----

  @Test
  void passwordsAreTwelveToSeventyTwoBytesEverywhere() {
    Json tooShort = problemOf(400, () -> newUser("kort-losen", "elva tecken"));
    assertEquals(List.of("password"), errorFields(tooShort));
    // 37 characters, 74 bytes: bcrypt reads only 72.
    String tooLong = "å".repeat(37);
    Json created = problemOf(422, () -> newUser("lang-losen", tooLong));
    assertEquals(List.of("password"), errorFields(created));
    Account researcher = anAccount().researcher().createAccount();
    problemOf(422, () -> patch(adminToken(), researcher.id(), Map.of("password", tooLong)));
    problemOf(422, () -> changeOwnPassword(researcher.token(), PASSWORD, tooLong));
    // Signing in with a long password is a plain refusal, not a failure of the service.
    problemOf(401, () -> login(researcher.username(), "x".repeat(150)));
    assertEquals(
        0L, TestDatabase.count("SELECT count(*) FROM app_user WHERE username = 'lang-losen'"));
  }

  @Test
  void commonPasswordsAreRefused() {
    for (String common :
        List.of("password1234", "Qwerty123456", "123456789012", "aaaaaaaaaaaaaa")) {
      Json problem = problemOf(422, () -> newUser("vanlig-losen", common));
      assertEquals(List.of("password"), errorFields(problem), common);
    }
    Account researcher = anAccount().researcher().createAccount();
    problemOf(422, () -> patch(adminToken(), researcher.id(), Map.of("password", "iloveyou1234")));
    problemOf(422, () -> changeOwnPassword(researcher.token(), PASSWORD, "1q2w3e4r5t6y"));
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
