package se.saknad.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static se.saknad.support.Eventually.waitUntil;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.saknad.support.ApiTest;
import se.saknad.support.Json;

/** A report sent by mistake: the child was in the house all along. */
@MicronautTest(transactional = false)
class WithdrawingAReportTest extends ApiTest {
  private static final String POLICE = "+46701900001";
  private static final String SHELTER = "+46701900002";

  private UUID home;
  private String staff;
  private String coordinator;

  @BeforeAll
  void homeStaffAndTheAlerted() {
    coordinator = aUser().coordinator().create();
    aRecipient()
        .named("Polisen Stockholm, återkallelser")
        .police()
        .coveringRegion("STOCKHOLM")
        .phone(POLICE)
        .by(coordinator)
        .create();
    aRecipient()
        .named("Jourhem Tyresö")
        .shelter()
        .covering("0138")
        .phone(SHELTER)
        .by(coordinator)
        .create();
    home = aHome().at(TYRESO_CENTRUM).create();
    staff = staffOf(home);
  }

  private Json reported(UUID child) {
    return aReport().of(child).by(staff).minutesAgo(20).lastSeenAt(TYRESO_CENTRUM).create();
  }

  private UUID child() {
    return aChild().inHome(home).named("Navid", "Karimi").create();
  }

  private Json withdraw(String token, UUID caseId, Object reason) {
    return as(token).post("/api/v1/cases/" + caseId + "/withdrawal", Map.of("reason", reason));
  }

  private Set<String> phonesOf(UUID caseId, String msgType, String statuses) {
    return new HashSet<>(
        column(
                "SELECT d.phone FROM delivery d JOIN alert a ON a.id = d.alert_id"
                    + " WHERE d.case_id = ? AND a.msg_type = ? AND d.status IN ("
                    + statuses
                    + ")",
                caseId,
                msgType)
            .stream()
            .map(String::valueOf)
            .toList());
  }

  @Test
  void theHomeWithdrawsAReportSentByMistakeAndEveryoneToldHearsThatNoActionIsNeeded() {
    UUID child = child();
    Json opened = reported(child);
    UUID id = opened.id();
    waitUntil(
        "the alert has reached the police and the shelter",
        () -> phonesOf(id, "Alert", "'SENT', 'DELIVERED'").containsAll(Set.of(POLICE, SHELTER)));

    Json withdrawn = withdraw(staff, id, "  Hon satt i tvättstugan med hörlurar. ");
    assertEquals("WITHDRAWN", withdrawn.string("status"));
    assertEquals("Hon satt i tvättstugan med hörlurar.", withdrawn.string("withdrawalReason"));

    waitUntil(
        "the Cancel reaches everyone told",
        () -> phonesOf(id, "Cancel", "'SENT', 'DELIVERED'").containsAll(Set.of(POLICE, SHELTER)));
    List<Object> bodies =
        column(
            "SELECT DISTINCT d.body FROM delivery d JOIN alert a ON a.id = d.alert_id"
                + " WHERE d.case_id = ? AND a.msg_type = 'Cancel'",
            id);
    assertEquals(1, bodies.size(), bodies.toString());
    String sms = (String) bodies.get(0);
    assertTrue(sms.contains(opened.string("code")) && sms.contains("av misstag"), sms);
    assertFalse(sms.contains("tvättstugan"), "the reason stays in Saknad: " + sms);
    assertEquals(
        List.of(false),
        column("SELECT DISTINCT ack_required FROM delivery WHERE case_id = ?", id),
        "nobody is chased for an acknowledgement any more");
    assertEquals(
        1L,
        column(
                "SELECT count(*) FROM audit_event WHERE case_id = ? AND action = 'REPORT_WITHDRAWN'",
                id)
            .get(0));

    // Readers see it withdrawn with its reason; it waits for no debrief and the CAP says so.
    Json read = as(coordinator).get("/api/v1/cases/" + id);
    assertEquals("WITHDRAWN", read.string("status"));
    String cancelId =
        read.list("alerts").stream()
            .filter(a -> "Cancel".equals(a.string("msgType")))
            .findFirst()
            .orElseThrow()
            .string("id");
    String cap =
        as(coordinator)
            .exchange(
                io.micronaut.http.HttpRequest.GET(
                    "/api/v1/cases/" + id + "/alerts/" + cancelId + "/cap"))
            .body();
    assertTrue(cap.contains("<msgType>Cancel</msgType>") && cap.contains("återkallas"), cap);
    assertFalse(
        as(coordinator).get("/api/v1/debriefs/pending").uuids("[*].caseId").contains(id),
        "a withdrawn report waits for no debrief");

    // The child may be reported again at once, and the mistake is no episode of a pattern.
    Json again = reported(child);
    assertEquals(1, again.integer("episodesInWindow"));
    assertFalse(again.flag("repeatMissing"));
  }

  @Test
  void aCoordinatorMayWithdrawButPoliceSocialServicesAndOtherHomesMayNot() {
    UUID id = reported(child()).id();
    String police = aUser().police("STOCKHOLM").create();
    String social = aUser().socialServices("0138").create();
    String otherHome = staffOf(aHome().at(TYRESO_CENTRUM).create());
    problemOf(403, () -> withdraw(police, id, "misstag"));
    problemOf(403, () -> withdraw(social, id, "misstag"));
    problemOf(404, () -> withdraw(otherHome, id, "misstag"));
    problemOf(401, () -> withdraw("not-a-token", id, "misstag"));
    assertEquals("MISSING", as(coordinator).get("/api/v1/cases/" + id).string("status"));
    assertEquals("WITHDRAWN", withdraw(coordinator, id, "Dubbelregistrerad").string("status"));
  }

  @Test
  void onlyAFreshUnseenMissingCaseCanBeWithdrawnAndARefusalStoresNothing() {
    UUID id = reported(child()).id();
    assertEquals(List.of("reason"), errorFields(problemOf(400, () -> withdraw(staff, id, "  "))));
    problemOf(400, () -> withdraw(staff, id, "x".repeat(1001)));
    problemOf(400, () -> as(staff).post("/api/v1/cases/" + id + "/withdrawal", Map.of()));
    problemOf(404, () -> withdraw(staff, UUID.randomUUID(), "misstag"));
    assertEquals("MISSING", as(coordinator).get("/api/v1/cases/" + id).string("status"));

    // Seen outside: the child was missing.
    String police = aUser().police("STOCKHOLM").create();
    as(police)
        .post(
            "/api/v1/cases/" + id + "/sightings",
            Map.of(
                "seenAt",
                OffsetDateTime.now().minusMinutes(5).toString(),
                "location",
                TYRESO_CENTRUM,
                "note",
                "Vid busshållplatsen"));
    Json seen = problemOf(409, () -> withdraw(staff, id, "misstag"));
    assertEquals("urn:saknad:problem:case-not-withdrawable", seen.string("type"));

    // Older than a day: a return is the way.
    UUID old = reported(child()).id();
    sql(
        "UPDATE disappearance_case SET reported_at = reported_at - interval '25 hours' WHERE id = ?",
        old);
    problemOf(409, () -> withdraw(staff, old, "misstag"));

    // Back already: nothing to withdraw.
    UUID back = reported(child()).id();
    aReturn().of(back).by(staff).create();
    problemOf(409, () -> withdraw(staff, back, "misstag"));
    assertEquals(
        0L,
        column(
                "SELECT count(*) FROM disappearance_case WHERE id IN (?, ?, ?)"
                    + " AND (status = 'WITHDRAWN' OR withdrawal_reason IS NOT NULL)",
                id,
                old,
                back)
            .get(0));
    assertEquals(
        0L,
        column(
                "SELECT count(*) FROM alert WHERE case_id IN (?, ?) AND msg_type = 'Cancel'",
                id,
                old)
            .get(0));
  }
}
