package se.saknad.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.saknad.support.ApiTest;

/** bin/run --reset-admin-password: the way back in when the printed password is lost. */
@MicronautTest(transactional = false)
@Property(name = "saknad.admin-password", value = "")
class ResettingTheAdministratorPasswordTest extends ApiTest {
  @Inject FirstAdministrator first;
  @Inject ManagingUsers managingUsers;

  @Test
  void aResetGivesADisabledAdminANewPasswordAndEndsItsSignIns() throws Exception {
    String before = adminToken();
    sql("UPDATE app_user SET enabled = false WHERE username = 'admin'");
    try {
      String password = first.resetPassword();
      assertNotEquals(ADMIN_PASSWORD, password);
      Thread.sleep(1100); // tokens end at the next whole second
      assertNotNull(login("admin", password), "the new password signs in");
      assertEquals(401, status(() -> login("admin", ADMIN_PASSWORD)), "the old one no longer");
      assertEquals(
          401,
          status(() -> http().exchange(as(before, HttpRequest.GET("/api/v1/users")))),
          "a token from before the reset is refused");
      assertEquals(
          List.of(1L),
          column(
              "SELECT count(*) FROM audit_event e JOIN app_user u ON u.id = e.subject_user_id"
                  + " WHERE u.username = 'admin' AND e.action = 'USER_PASSWORD_RESET'"
                  + " AND e.endpoint = 'command line --reset-admin-password'"));
    } finally {
      managingUsers.resetFirstAdministrator(ADMIN_PASSWORD, "test");
      Thread.sleep(1100);
    }
  }

  @Test
  void theGeneratedPasswordIsPrintedInAFrameThatStandsOut() {
    String box = first.frame("Ab3-secret-Pw", "The user \"admin\" has a new password");
    List<String> lines = box.strip().lines().toList();
    assertTrue(lines.get(0).matches("#{40,}"), box);
    assertEquals(lines.get(0), lines.get(lines.size() - 1), box);
    assertTrue(lines.stream().allMatch(l -> l.length() == lines.get(0).length()), box);
    assertTrue(lines.stream().anyMatch(l -> l.contains("    Ab3-secret-Pw ")), box);
    assertTrue(box.contains("bin/run --reset-admin-password"), box);
  }

  private static int status(org.junit.jupiter.api.function.Executable call) {
    try {
      call.execute();
      return 200;
    } catch (HttpClientResponseException e) {
      return e.getStatus().getCode();
    } catch (Throwable e) {
      throw new AssertionError(e);
    }
  }
}
