package se.saknad.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.saknad.support.ApiTest;
import se.saknad.support.Json;

/** A user is bound only to a home or a recipient that exists; the owner of each answers. */
@MicronautTest(transactional = false)
class BindingUsersTest extends ApiTest {

  @Test
  void staffOfAHomeThatDoesNotExistAreRefused() {
    Json problem = problemOf(422, () -> aUser().staffOf(UUID.randomUUID()).create());
    assertEquals(List.of("homeId"), errorFields(problem));
  }

  @Test
  void aUserBoundToARecipientThatDoesNotExistIsRefused() {
    Json problem =
        problemOf(422, () -> aUser().police("SYD").forRecipient(UUID.randomUUID()).create());
    assertEquals(List.of("recipientId"), errorFields(problem));
  }

  @Test
  void staffOfAnExistingHomeAreCreated() {
    String token = aUser().staffOf(aHome().at(TYRESO_CENTRUM).create()).create();
    assertEquals(200, as(token).exchange(HttpRequest.GET("/api/v1/children")).code());
  }
}
