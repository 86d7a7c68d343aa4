package se.saknad.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.saknad.support.ApiTest;

/** A user is bound only to a home or a recipient that exists; the owner of each answers. */
@MicronautTest(transactional = false)
class BindingUsersTest extends ApiTest {

  private Map<String, Object> refused(Map<String, Object> user) {
    return problem(
        422, () -> http().exchange(as(adminToken(), HttpRequest.POST("/api/v1/users", user))));
  }

  @Test
  void staffOfAHomeThatDoesNotExistAreRefused() {
    Map<String, Object> problem =
        refused(
            Map.of(
                "username",
                "staff-" + UUID.randomUUID().toString().substring(0, 8),
                "password",
                PASSWORD,
                "role",
                "HVB_STAFF",
                "homeId",
                UUID.randomUUID()));
    assertEquals(List.of("homeId"), errorFields(problem));
  }

  @Test
  void aUserBoundToARecipientThatDoesNotExistIsRefused() {
    Map<String, Object> problem =
        refused(
            Map.of(
                "username",
                "police-" + UUID.randomUUID().toString().substring(0, 8),
                "password",
                PASSWORD,
                "role",
                "POLICE",
                "policeRegion",
                "SYD",
                "recipientId",
                UUID.randomUUID()));
    assertEquals(List.of("recipientId"), errorFields(problem));
  }

  @Test
  void staffOfAnExistingHomeAreCreated() {
    UUID home = newHome(TYRESO_CENTRUM);
    String token = userToken("HVB_STAFF", Map.of("homeId", home));
    assertEquals(200, http().exchange(as(token, HttpRequest.GET("/api/v1/children"))).code());
  }
}
