package se.saknad.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.saknad.support.ApiTest;
import se.saknad.support.Json;
import se.saknad.support.UserBuilder;

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

  /**
   * A binding must fit the role: police act for a police desk of their own region, social services
   * for their municipality's social services or their region's coordinator against trafficking;
   * nobody else acts for a recipient, and only HVB staff belong to a home.
   */
  @Test
  void aBindingMustFitTheRole() {
    UUID stockholmPolice =
        aRecipient()
            .named("Polisen Stockholm (bindning)")
            .police()
            .coveringRegion("STOCKHOLM")
            .create();
    UUID tyresoPolice =
        aRecipient().named("Polisen Tyresö (bindning)").police().covering("0138").create();
    UUID shelter = aRecipient().named("Jouren (bindning)").shelter().covering("0138").create();
    UUID tyresoSocial =
        aRecipient()
            .named("Tyresö socialjour (bindning)")
            .socialServices()
            .covering("0138")
            .create();
    UUID trafficking =
        aRecipient()
            .named("Regionkoordinator Stockholm (bindning)")
            .traffickingCoordinator()
            .coveringRegion("STOCKHOLM")
            .create();
    UUID home = aHome().at(TYRESO_CENTRUM).create();

    for (Object[] misfit :
        List.of(
            new Object[] {"POLICE", "SYD", null, stockholmPolice, "another region's police"},
            new Object[] {"POLICE", "STOCKHOLM", null, shelter, "a shelter"},
            new Object[] {"POLICE", "STOCKHOLM", null, tyresoSocial, "social services"},
            new Object[] {"SOCIAL_SERVICES", null, "1280", tyresoSocial, "another municipality"},
            new Object[] {"SOCIAL_SERVICES", null, "0138", stockholmPolice, "the police"},
            new Object[] {"SOCIAL_SERVICES", null, "1280", trafficking, "another region"},
            new Object[] {"COORDINATOR", null, null, stockholmPolice, "a coordinator"},
            new Object[] {"RESEARCHER", null, null, tyresoSocial, "a researcher"})) {
      Json problem =
          problemOf(
              422,
              () ->
                  aUser()
                      .role((String) misfit[0])
                      .with("policeRegion", misfit[1])
                      .with("municipalityCode", misfit[2])
                      .forRecipient((UUID) misfit[3])
                      .create());
      assertEquals(List.of("recipientId"), errorFields(problem), (String) misfit[4]);
    }
    Json homeless =
        problemOf(
            422,
            () ->
                aUser()
                    .role("SOCIAL_SERVICES")
                    .with("municipalityCode", "0138")
                    .with("homeId", home)
                    .create());
    assertEquals(List.of("homeId"), errorFields(homeless));

    // What fits is created.
    aUser().police("STOCKHOLM").forRecipient(stockholmPolice).create();
    aUser().police("STOCKHOLM").forRecipient(tyresoPolice).create();
    aUser().socialServices("0138").forRecipient(tyresoSocial).create();
    aUser().socialServices("0138").forRecipient(trafficking).create();
  }

  @Test
  void aChangedBindingMustFitTheRoleToo() {
    UUID shelter =
        aRecipient().named("Jouren (ändrad bindning)").shelter().covering("0138").create();
    UserBuilder.Account officer = aUser().police("STOCKHOLM").createAccount();
    Json problem =
        problemOf(
            422,
            () ->
                as(adminToken())
                    .patch(
                        "/api/v1/users/" + officer.id(), java.util.Map.of("recipientId", shelter)));
    assertEquals(List.of("recipientId"), errorFields(problem));
    // Refused: nothing changed, the officer's sign-in still holds.
    assertEquals(200, as(officer.token()).exchange(HttpRequest.GET("/api/v1/cases")).code());
  }

  @Test
  void staffOfAnExistingHomeAreCreated() {
    String token = aUser().staffOf(aHome().at(TYRESO_CENTRUM).create()).create();
    assertEquals(200, as(token).exchange(HttpRequest.GET("/api/v1/children")).code());
  }
}
