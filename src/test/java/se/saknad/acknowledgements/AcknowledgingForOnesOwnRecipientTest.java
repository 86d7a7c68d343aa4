package se.saknad.acknowledgements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.saknad.support.ApiTest;
import se.saknad.support.Json;
import se.saknad.support.TestDatabase;
import se.saknad.support.UserBuilder.Account;

/**
 * "Kvittera" on the web speaks for the user's own recipient only: an officer bound to one police
 * desk of a region does not acknowledge for the other desks of that region, and a user who acts for
 * no recipient is told how to get bound to one.
 */
@MicronautTest(transactional = false)
class AcknowledgingForOnesOwnRecipientTest extends ApiTest {
  private UUID deskA;
  private UUID deskB;
  private UUID home;
  private String staff;

  @BeforeAll
  void twoPoliceDesksOfOneRegion() {
    deskA =
        aRecipient()
            .named("Polisen Stockholm, desk A (egen)")
            .police()
            .coveringRegion("STOCKHOLM")
            .phone("+46701888301")
            .create();
    deskB =
        aRecipient()
            .named("Polisen Stockholm, desk B (egen)")
            .police()
            .coveringRegion("STOCKHOLM")
            .phone("+46701888302")
            .create();
    home = aHome().at(TYRESO_CENTRUM).create();
    staff = staffOf(home);
  }

  private String reportMissing(String given) {
    UUID child = aChild().inHome(home).named(given, "Egensson").by(staff).create();
    return aReport().of(child).by(staff).risk("HIGH").create().string("id");
  }

  private List<Object> acknowledgedRecipients(String caseId) {
    return column(
        "SELECT recipient_id FROM acknowledgement WHERE case_id = ?::uuid ORDER BY recipient_id",
        caseId);
  }

  @Test
  void officerBoundToOneRecipientAcknowledgesOnlyForIt() {
    String caseId = reportMissing("Ettan");
    String officer = aUser().police("STOCKHOLM").forRecipient(deskA).create();

    Json answer = as(officer).post("/api/v1/cases/" + caseId + "/acknowledgement", Map.of());
    assertEquals("ACKNOWLEDGED", answer.string("outcome"));
    assertEquals(List.of(deskA.toString()), answer.strings("recipientIds"));
    assertEquals(List.of(deskA), acknowledgedRecipients(caseId));
    assertEquals(
        List.of("ACKNOWLEDGED"),
        column(
            "SELECT DISTINCT status FROM delivery WHERE case_id = ?::uuid AND recipient_id = ?",
            caseId,
            deskA));
    // Desk B of the same region has not answered: still owed, still escalating.
    assertEquals(
        List.of(true),
        column(
            "SELECT DISTINCT ack_required AND acknowledged_at IS NULL FROM delivery"
                + " WHERE case_id = ?::uuid AND recipient_id = ?",
            caseId,
            deskB));
    assertEquals(
        1L,
        TestDatabase.count(
            "SELECT count(*) FROM audit_event WHERE action = 'ALERT_ACKNOWLEDGED_WEB'"
                + " AND case_id = ?::uuid",
            caseId));
  }

  @Test
  void aUserOfAnAcknowledgingRoleWithoutABindingIsToldHowToGetOne() {
    String caseId = reportMissing("Tvåan");
    for (String unbound :
        List.of(aUser().police("STOCKHOLM").create(), aUser().socialServices("0138").create())) {
      Json problem =
          problemOf(
              403,
              () -> as(unbound).post("/api/v1/cases/" + caseId + "/acknowledgement", Map.of()));
      assertEquals("urn:saknad:problem:no-bound-recipient", problem.string("type"));
      assertTrue(problem.string("detail").contains("administrator"), problem.toString());
      assertEquals(false, as(unbound).get("/api/v1/cases/" + caseId).flag("mayAcknowledge"));
    }
    assertEquals(List.of(), acknowledgedRecipients(caseId));
  }

  @Test
  void anAdministratorBindsAnOfficerWhoThenAcknowledgesForThatDesk() {
    String caseId = reportMissing("Trean");
    Account officer = aUser().police("STOCKHOLM").createAccount();
    Json bound =
        as(adminToken()).patch("/api/v1/users/" + officer.id(), Map.of("recipientId", deskB));
    assertEquals(deskB.toString(), bound.string("recipientId"));
    // The binding travels in the token: the old one ends, a new sign-in carries the binding.
    problemOf(401, () -> as(officer.token()).get("/api/v1/cases/" + caseId));
    String signedIn = login(officer.username(), PASSWORD);
    Json answer = as(signedIn).post("/api/v1/cases/" + caseId + "/acknowledgement", Map.of());
    assertEquals(List.of(deskB.toString()), answer.strings("recipientIds"));
    assertEquals(List.of(deskB), acknowledgedRecipients(caseId));
    assertEquals(
        List.of("USER_BINDING_CHANGED"),
        column(
            "SELECT action FROM audit_event WHERE subject_user_id = ? AND action LIKE 'USER_%'",
            officer.id()));
  }
}
