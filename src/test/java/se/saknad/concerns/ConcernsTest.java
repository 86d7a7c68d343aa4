package se.saknad.concerns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static se.saknad.support.Eventually.waitUntil;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.saknad.support.FakeTwilio;
import se.saknad.support.Json;
import se.saknad.support.TestDatabase;
import se.saknad.support.TwilioApiTest;

/**
 * Concerns before a disappearance: who is told, the assessment's deadline, the one-call report. The
 * SMS go through the real Twilio SDK to the stand-in, so that what reaches the provider is seen.
 */
@MicronautTest(transactional = false)
class ConcernsTest extends TwilioApiTest {
  private static final String SOCIAL_1 = "+46704100001";
  private static final String SOCIAL_2 = "+46704100002";
  private static final String TRAFFICKING = "+46704100010";
  private static final String POLICE = "+46704100020";
  private static final String GUARDIAN = "+46704100030";
  private static final String COORDINATOR_PHONE = "+46704100099";
  private static final String FAMILY_NAME = "Oroliga-Testsson";

  private UUID home;
  private UUID otherHome;
  private String staff;
  private String otherStaff;
  private String social;
  private String otherSocial;
  private String coordinator;
  private String police;
  private String traffickingUser;

  @Override
  protected void sendingSettings(Map<String, String> p) {
    // The outbox's escalation runs every second here, so that an overdue assessment is seen.
    p.put("saknad.sms.escalation-interval", "1s");
    p.put("saknad.sms.escalation-initial-delay", "0s");
    p.put("saknad.coordinator-phones[0]", COORDINATOR_PHONE);
  }

  @BeforeAll
  void homeAndAgencies() {
    coordinator = aUser().coordinator().create();
    aRecipient()
        .named("Socialtjänsten Tyresö (oro)")
        .socialServices()
        .covering("0138")
        .contact("Mottagning", SOCIAL_1)
        .contact("Socialjour", SOCIAL_2)
        .escalateAfterMinutes(1)
        .create();
    UUID trafficking =
        aRecipient()
            .named("Regionkoordinator Stockholm (oro)")
            .traffickingCoordinator()
            .coveringRegion("STOCKHOLM")
            .phone(TRAFFICKING)
            .by(coordinator)
            .create();
    UUID policeDesk =
        aRecipient()
            .named("Polisen Stockholm (oro)")
            .police()
            .coveringRegion("STOCKHOLM")
            .phone(POLICE)
            .create();
    home = aHome().at(TYRESO_CENTRUM).create();
    otherHome = aHome().at(MALMO).create();
    staff = staffOf(home);
    otherStaff = staffOf(otherHome);
    social = aUser().socialServices("0138").create();
    otherSocial = aUser().socialServices("1280").create();
    police = aUser().police("STOCKHOLM").forRecipient(policeDesk).create();
    traffickingUser = aUser().socialServices("0180").forRecipient(trafficking).create();
  }

  private UUID child() {
    return aChild()
        .inHome(home)
        .named("Orvar", FAMILY_NAME)
        .aged(15)
        .with("guardian", Map.of("name", "Gode Man", "phone", GUARDIAN))
        .create();
  }

  private static Map<String, Object> concern(String... signs) {
    Map<String, Object> body = new HashMap<>();
    body.put("observedAt", OffsetDateTime.now(ZoneOffset.UTC).minusHours(2).toString());
    body.put("signs", List.of(signs));
    body.put("note", "Hämtades av en okänd man i en bil");
    return body;
  }

  private Json raise(UUID child, String token, String... signs) {
    return as(token).post("/api/v1/children/" + child + "/concerns", concern(signs));
  }

  /** The messages about a concern: phone, kind, body, status, ack_required, acknowledged_at. */
  private List<Object[]> messages(UUID concern) {
    return TestDatabase.rows(
        "SELECT phone, recipient_kind, body, status, ack_required, acknowledged_at FROM delivery"
            + " WHERE subject_id = ? ORDER BY created_at, phone",
        concern);
  }

  /**
   * The phones of this test's own recipients that were sent the concern: other test classes keep
   * social services of the same municipality in the shared database, and they are told too.
   */
  private List<String> phones(UUID concern) {
    return messages(concern).stream()
        .map(m -> (String) m[0])
        .filter(p -> p.startsWith("+467041000"))
        .toList();
  }

  private long sent(UUID concern, String phone) {
    return TestDatabase.count(
        "SELECT count(*) FROM delivery WHERE subject_id = ? AND phone = ?"
            + " AND status IN ('SENT', 'DELIVERED')",
        concern,
        phone);
  }

  // ---- raising a concern ----

  /** The phones the provider was asked to send an SMS about this concern to. */
  private static List<String> atTheProvider(UUID concern) {
    String link = "/app/concern.html?id=" + concern;
    return twilio.accepted().stream()
        .filter(m -> m.body().contains(link))
        .map(FakeTwilio.Sent::to)
        .toList();
  }

  @Test
  void aConcernWithASignOfExploitationReachesSocialServicesGuardianAndCoordinatorButNoPolice() {
    long start = System.nanoTime();
    Json raised = raise(child(), staff, "PICKED_UP_BY_STRANGERS", "TALKS_OF_LEAVING");
    UUID id = raised.id();
    // At the provider within 15 s of the request: social services, the guardian, the coordinator.
    waitUntil(
        "the concern's SMS to social services, the guardian and the coordinator reach the provider",
        Duration.ofSeconds(15).minusNanos(System.nanoTime() - start),
        () -> atTheProvider(id).containsAll(List.of(SOCIAL_1, GUARDIAN, TRAFFICKING)));
    assertEquals("OPEN", raised.string("status"));
    assertEquals(List.of("PICKED_UP_BY_STRANGERS", "TALKS_OF_LEAVING"), raised.strings("signs"));
    assertTrue(raised.flag("exploitation"));
    List<String> kinds = raised.strings("notified[*].kind");
    assertTrue(kinds.contains("SOCIAL_SERVICES"), kinds.toString());
    assertTrue(kinds.contains("GUARDIAN"), kinds.toString());
    assertTrue(kinds.contains("TRAFFICKING_COORDINATOR"), kinds.toString());
    assertFalse(kinds.contains("POLICE"), kinds.toString());
    // Due by the end of the next Swedish day.
    OffsetDateTime due = OffsetDateTime.parse(raised.string("assessmentDueBy"));
    assertTrue(due.isAfter(OffsetDateTime.now().plusHours(24)), due.toString());
    assertTrue(due.isBefore(OffsetDateTime.now().plusHours(49)), due.toString());

    waitUntil(
        "every SMS of the concern is handed over",
        Duration.ofSeconds(45),
        () ->
            !messages(id).isEmpty()
                && messages(id).stream()
                    .allMatch(m -> List.of("SENT", "DELIVERED").contains((String) m[3])));
    List<String> phones = phones(id);
    assertTrue(phones.contains(SOCIAL_1), phones.toString());
    assertTrue(phones.contains(GUARDIAN), phones.toString());
    assertTrue(phones.contains(TRAFFICKING), phones.toString());
    assertFalse(phones.contains(POLICE), phones.toString());
    assertFalse(phones.contains(SOCIAL_2), "only the first contact: " + phones);
    // No police phone of any class's recipients was asked to send one: not the desk alerted in
    // Stockholm, nor any other.
    List<Object> policePhones =
        column(
            "SELECT c.phone FROM recipient_contact c JOIN recipient r ON r.id = c.recipient_id"
                + " WHERE r.kind = 'POLICE'");
    assertTrue(policePhones.contains(POLICE), policePhones.toString());
    List<String> provider = atTheProvider(id);
    assertTrue(provider.stream().noneMatch(policePhones::contains), provider.toString());
    for (Object[] m : messages(id)) {
      assertNotEquals("POLICE", m[1]);
      String body = (String) m[2];
      assertTrue(body.startsWith("SAKNAD ORO: orosanmälan om Orvar, 15 år"), body);
      assertTrue(body.contains("/app/concern.html?id=" + id), body);
      assertFalse(body.contains(FAMILY_NAME), body);
      assertFalse(body.contains("okänd man"), "the note stays out of SMS: " + body);
    }
    assertEquals(
        1L,
        TestDatabase.count(
            "SELECT count(*) FROM audit_event WHERE action = 'CONCERN_RECORDED' AND child_id = ?",
            raised.uuid("childId")));
  }

  @Test
  void aConcernWithoutASignOfExploitationDoesNotReachTheCoordinatorAgainstTrafficking() {
    Json raised = raise(child(), social, "MISSES_SCHOOL");
    assertFalse(raised.flag("exploitation"));
    assertFalse(raised.strings("notified[*].kind").contains("TRAFFICKING_COORDINATOR"));
    assertFalse(phones(raised.id()).contains(TRAFFICKING));
  }

  @Test
  void aConcernWithoutSignsOrWithAnUnknownSignIsRefusedAndNothingIsStored() {
    UUID child = child();
    String uri = "/api/v1/children/" + child + "/concerns";
    problemOf(400, () -> as(staff).post(uri, concern()));
    problemOf(400, () -> as(staff).post(uri, concern("FEELS_OFF")));
    Map<String, Object> noSigns = concern();
    noSigns.remove("signs");
    problemOf(400, () -> as(staff).post(uri, noSigns));
    Map<String, Object> future = concern("MISSES_SCHOOL");
    future.put("observedAt", OffsetDateTime.now(ZoneOffset.UTC).plusHours(2).toString());
    assertEquals(
        List.of("observedAt"), errorFields(problemOf(422, () -> as(staff).post(uri, future))));
    assertEquals(0L, TestDatabase.count("SELECT count(*) FROM concern WHERE child_id = ?", child));
  }

  @Test
  void thePoliceCannotRaiseAConcernAndOthersOutOfScopeDoNotSeeTheChild() {
    UUID child = child();
    String uri = "/api/v1/children/" + child + "/concerns";
    problemOf(403, () -> as(police).post(uri, concern("MISSES_SCHOOL")));
    problemOf(403, () -> as(aUser().researcher().create()).post(uri, concern("MISSES_SCHOOL")));
    problemOf(404, () -> as(otherStaff).post(uri, concern("MISSES_SCHOOL")));
    problemOf(404, () -> as(otherSocial).post(uri, concern("MISSES_SCHOOL")));
    assertEquals(0L, TestDatabase.count("SELECT count(*) FROM concern WHERE child_id = ?", child));

    UUID id = raise(child, coordinator, "OTHER").id();
    problemOf(404, () -> as(otherStaff).get("/api/v1/concerns/" + id));
    problemOf(404, () -> as(police).get("/api/v1/concerns/" + id));
    assertFalse(as(otherSocial).get("/api/v1/concerns").uuids("[*].id").contains(id));
    assertTrue(as(staff).get("/api/v1/concerns?status=OPEN").uuids("[*].id").contains(id));
    assertTrue(as(social).get("/api/v1/concerns?childId=" + child).uuids("[*].id").contains(id));
    assertFalse(as(staff).get("/api/v1/concerns/" + id).toString().contains(FAMILY_NAME));
  }

  @Test
  void theCoordinatorAgainstTraffickingWhoWasSentTheConcernOpensItsLink() {
    UUID id = raise(child(), staff, "CONTROLLED_BY_CALLER").id();
    assertEquals(id, as(traffickingUser).get("/api/v1/concerns/" + id).id());
    assertFalse(as(traffickingUser).get("/api/v1/concerns/" + id).flag("mayAssess"));
  }

  @Test
  void theCodesSayWhichSignsAreSignsOfExploitation() {
    Json codes = as(staff).get("/api/v1/concerns/codes");
    assertEquals(
        List.of(true),
        codes.list("[?(@.code == 'UNEXPLAINED_MONEY_OR_PHONE')].exploitation", Boolean.class));
    assertEquals(
        List.of(false), codes.list("[?(@.code == 'MISSES_SCHOOL')].exploitation", Boolean.class));
    assertTrue(codes.strings("[*].text").contains("Pratar om att ge sig av"));
  }

  // ---- the assessment ----

  @Test
  void socialServicesAssessAndTheSmsIsNoLongerChased() {
    UUID id = raise(child(), staff, "FEARS_ASYLUM_DECISION").id();
    String uri = "/api/v1/concerns/" + id + "/assessment";
    problemOf(403, () -> as(staff).post(uri, Map.of("outcome", "SUPPORT_OFFERED")));
    problemOf(404, () -> as(otherSocial).post(uri, Map.of("outcome", "SUPPORT_OFFERED")));
    problemOf(400, () -> as(social).post(uri, Map.of("outcome", "PROBABLY_FINE")));
    assertTrue(as(social).get("/api/v1/concerns/" + id).flag("mayAssess"));

    Json assessed =
        as(social).post(uri, Map.of("outcome", "INVESTIGATION_OPENED", "note", "Utredning"));
    assertEquals("ASSESSED", assessed.string("status"));
    assertEquals("INVESTIGATION_OPENED", assessed.string("assessment.outcome"));
    assertFalse(assessed.flag("assessmentOverdue"));
    assertTrue(
        messages(id).stream().filter(m -> (Boolean) m[4]).allMatch(m -> m[5] != null),
        "every message awaiting the assessment is settled");
    Json again = problemOf(409, () -> as(social).post(uri, Map.of("outcome", "SUPPORT_OFFERED")));
    assertEquals("urn:saknad:problem:concern-assessed", again.string("type"));

    Json closed =
        as(social).post("/api/v1/concerns/" + id + "/close", Map.of("outcome", "CONCERN_RESOLVED"));
    assertEquals("CLOSED", closed.string("status"));
    assertEquals(
        List.of("CONCERN_RECORDED", "CONCERN_ASSESSED", "CONCERN_CLOSED"),
        column(
            "SELECT action FROM audit_event WHERE child_id = ? AND action LIKE 'CONCERN_%'"
                + " AND action NOT IN ('CONCERN_READ', 'CONCERN_LISTED') ORDER BY id",
            closed.uuid("childId")));
  }

  @Test
  void anAssessmentNotRecordedByTheEndOfTheNextDayEscalatesLikeAnUnacknowledgedAlert() {
    UUID id = raise(child(), staff, "MISSES_SCHOOL").id();
    waitUntil("social services' SMS is sent", () -> sent(id, SOCIAL_1) == 1);
    // Not due yet: nothing moves.
    assertEquals(List.of(SOCIAL_1, GUARDIAN), phones(id).stream().sorted().toList());
    // The day after tomorrow has come: the deadline passed without an assessment.
    sql("UPDATE concern SET assessment_due_by = now() - interval '1 minute' WHERE id = ?", id);
    sql(
        "UPDATE delivery SET escalate_from = now() - interval '1 minute' WHERE subject_id = ?"
            + " AND escalate_from IS NOT NULL",
        id);
    assertTrue(as(social).get("/api/v1/concerns/" + id).flag("assessmentOverdue"));
    waitUntil(
        "the SMS goes again to the same phone and to the next contact",
        Duration.ofSeconds(45),
        () ->
            phones(id).stream().filter(p -> p.equals(SOCIAL_1)).count() == 2
                && phones(id).contains(SOCIAL_2));
    // The last contact waits its recipient's minute too; then the coordinators are told.
    waitUntil("the next contact's SMS is sent", () -> sent(id, SOCIAL_2) == 1);
    sql(
        "UPDATE delivery SET created_at = created_at - interval '2 minutes' WHERE subject_id = ?"
            + " AND phone = ?",
        id,
        SOCIAL_2);
    waitUntil(
        "the coordinators hear that nobody assessed",
        Duration.ofSeconds(45),
        () ->
            TestDatabase.count(
                    "SELECT count(*) FROM delivery WHERE phone = ? AND body LIKE ?",
                    COORDINATOR_PHONE,
                    "%/app/concern.html?id=" + id + "%")
                // at least: other classes' social services of the same municipality were asked
                // too, and the coordinators hear of each recipient nobody answered for
                >= 1);
    assertFalse(phones(id).contains(POLICE));
    // Assessed at last: nothing is chased any more.
    as(social).post("/api/v1/concerns/" + id + "/assessment", Map.of("outcome", "SUPPORT_OFFERED"));
    assertEquals(
        0L,
        TestDatabase.count(
            "SELECT count(*) FROM delivery WHERE subject_id = ? AND ack_required"
                + " AND acknowledged_at IS NULL",
            id));
  }

  // ---- the child is gone ----

  @Test
  void theConcernBecomesAReportInOneCall() {
    UUID child = child();
    UUID id = raise(child, staff, "UNEXPLAINED_MONEY_OR_PHONE").id();
    String uri = "/api/v1/concerns/" + id + "/disappearance";
    Map<String, Object> report =
        aReport().minutesAgo(20).with("riskLevel", null).clothing("Svart jacka").body();
    problemOf(403, () -> as(social).post(uri, report));
    problemOf(404, () -> as(otherStaff).post(uri, report));

    Json kase = as(staff).post(uri, report);
    assertEquals("MISSING", kase.string("status"));
    assertEquals(id, kase.uuid("concernId"));
    assertNotEquals("STANDARD", kase.string("riskLevel"));
    assertTrue(
        kase.string("circumstances").contains("Oförklarliga pengar, telefon eller kläder"),
        kase.string("circumstances"));
    assertTrue(kase.string("circumstances").contains("okänd man"));
    assertTrue(kase.strings("alert.recipients[*].kind").contains("POLICE"));
    assertEquals(
        1L,
        TestDatabase.count(
            "SELECT count(*) FROM delivery WHERE case_id = ? AND phone = ?", kase.id(), POLICE));
    Json concern = as(staff).get("/api/v1/concerns/" + id);
    assertEquals("ESCALATED", concern.string("status"));
    assertEquals(kase.id(), concern.uuid("caseId"));
    assertFalse(concern.flag("mayReportMissing"));
    assertEquals(id, as(police).get("/api/v1/cases/" + kase.id()).uuid("concernId"));
    Json twice = problemOf(409, () -> as(staff).post(uri, report));
    assertEquals("urn:saknad:problem:concern-not-open", twice.string("type"));
  }

  @Test
  void aConcernWithoutSignsOfExploitationKeepsTheGradeTheReportGives() {
    UUID id = raise(child(), staff, "MISSES_SCHOOL").id();
    Json kase =
        as(staff)
            .post(
                "/api/v1/concerns/" + id + "/disappearance",
                aReport().minutesAgo(20).risk("STANDARD").body());
    assertEquals("STANDARD", kase.string("riskLevel"));
  }
}
