package se.saknad.referrals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.saknad.support.ApiTest;
import se.saknad.support.Json;
import se.saknad.support.TestDatabase;

@MicronautTest(transactional = false)
class ReferralsTest extends ApiTest {
  private static final String AUTH_TOKEN = "referrals-test-auth-token-0123456789";
  private static final String TRAFFICKING_1 = "+46703100001";
  private static final String TRAFFICKING_2 = "+46703100002";
  private static final String POLICE = "+46703100010";
  private static final String NATIONAL = "+46703100099";

  @Inject EscalatingReferrals escalation;

  private UUID tyreso;
  private UUID malmo;
  private String staff;
  private String malmoStaff;
  private String coordinator;
  private String traffickingUser;
  private String otherRegionTraffickingUser;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> p = new HashMap<>(super.getProperties());
    p.put("twilio.auth-token", AUTH_TOKEN);
    p.put("saknad.referrals.national-phones[0]", NATIONAL);
    p.put("saknad.referrals.escalation-interval", "1h");
    return p;
  }

  @BeforeAll
  void regionWithCoordinatorAgainstTrafficking() {
    coordinator = aUser().coordinator().create();
    UUID stockholm =
        aRecipient()
            .named("Regionkoordinator Stockholm")
            .traffickingCoordinator()
            .coveringRegion("STOCKHOLM")
            .phone(TRAFFICKING_1)
            .phone(TRAFFICKING_2)
            .escalateAfterMinutes(5)
            .by(coordinator)
            .create();
    aRecipient()
        .named("Polisen Stockholm RLC")
        .police()
        .coveringRegion("STOCKHOLM")
        .phone(POLICE)
        .escalateAfterMinutes(5)
        .by(coordinator)
        .create();
    UUID vast =
        aRecipient()
            .named("Regionkoordinator Väst")
            .traffickingCoordinator()
            .coveringRegion("VAST")
            .phone("+46703100020")
            .escalateAfterMinutes(5)
            .by(coordinator)
            .create();
    tyreso = aHome().at(TYRESO_CENTRUM).create();
    malmo = aHome().at(MALMO).create();
    staff = aUser().staffOf(tyreso).create();
    malmoStaff = aUser().staffOf(malmo).create();
    traffickingUser = aUser().socialServices("0180").forRecipient(stockholm).create();
    otherRegionTraffickingUser = aUser().socialServices("1480").forRecipient(vast).create();
  }

  // ---- fixtures ----

  private UUID child(UUID home, String token, String... riskIndicators) {
    return aChild()
        .inHome(home)
        .named("Referral", "Testbarn")
        .riskIndicators(riskIndicators)
        .withDossier()
        .responsibleMunicipality(home.equals(malmo) ? "1280" : "0138")
        .by(token)
        .create();
  }

  private Json report(UUID child, String token, Map<String, Object> where) {
    return aReport()
        .of(child)
        .by(token)
        .lastSeen(OffsetDateTime.now(ZoneOffset.UTC).minusDays(2))
        .lastSeenAt(where)
        .risk("HIGH")
        .create();
  }

  /** A case reported two days ago, back a day later, with a debrief of these answers. */
  private Json debriefed(List<String> whereabouts, List<String> indicators) {
    Json kase = report(child(tyreso, staff), staff, TYRESO_CENTRUM);
    as(staff)
        .post(
            "/api/v1/cases/" + kase.id() + "/return",
            Map.of(
                "returnedAt",
                OffsetDateTime.now(ZoneOffset.UTC).minusDays(1).toString(),
                "foundBy",
                "Polis",
                "condition",
                "Trött"));
    Map<String, Object> d = new HashMap<>();
    d.put("conductedAt", OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).toString());
    d.put("interviewerRole", "SOCIAL_WORKER");
    d.put("consentToResearch", false);
    d.put("reasons", List.of("PRESSURE_BY_ADULTS"));
    d.put("whereabouts", whereabouts);
    d.put("exploitationIndicators", indicators);
    d.put("childStatement", "Referral Testbarn berättade om en man i Tyresö");
    as(staff).post("/api/v1/cases/" + kase.id() + "/debrief", d);
    return kase;
  }

  private List<Json> referralsOf(UUID caseId) {
    return as(coordinator).get("/api/v1/referrals").list("[?(@.caseId == '" + caseId + "')]");
  }

  private Json onlyReferralOf(UUID caseId) {
    List<Json> all = referralsOf(caseId);
    assertEquals(1, all.size(), "referrals of the case: " + all);
    return all.get(0);
  }

  private List<Object> referralSms(UUID caseId) {
    return column(
        "SELECT phone || ' ' || body FROM delivery WHERE case_id = ? AND alert_id IS NULL"
            + " ORDER BY created_at, phone",
        caseId);
  }

  private HttpResponse<String> reply(String from, String text) {
    return inboundSms(AUTH_TOKEN, from, "+46700000000", text);
  }

  // ---- opening ----

  @Test
  void exploitationIndicatorsInADebriefReferTheChildToTheRegionsCoordinatorAndPolice() {
    Json kase = debriefed(List.of("WITH_FRIENDS_OWN_AGE"), List.of("LABOUR"));
    String code = kase.string("code");
    Json referral = onlyReferralOf(kase.id());
    assertEquals("OPEN", referral.string("status"));
    assertEquals(List.of("EXPLOITATION_INDICATORS"), referral.strings("reasons"));
    assertEquals(List.of("LABOUR"), referral.strings("indicators"));
    assertEquals("STOCKHOLM", referral.string("policeRegion"));
    assertEquals(true, referral.flag("automatic"));
    String text =
        "SAKNAD "
            + code
            + ": misstänkt exploatering. Svara OK "
            + code
            + " för att kvittera. http://saknad.test/app/referral.html?id="
            + referral.id();
    // The first contact of the coordinator and of the police desk; nothing else in the text.
    List<Object> sms = referralSms(kase.id());
    assertTrue(sms.contains(TRAFFICKING_1 + " " + text), sms.toString());
    assertTrue(sms.contains(POLICE + " " + text), sms.toString());
    assertFalse(sms.stream().anyMatch(s -> s.toString().startsWith(TRAFFICKING_2)), sms.toString());
    assertFalse(sms.stream().anyMatch(s -> s.toString().startsWith(NATIONAL)), sms.toString());
    assertEquals(
        1L,
        TestDatabase.count(
            "SELECT count(*) FROM audit_event WHERE action = 'REFERRAL_OPENED' AND case_id = ?",
            kase.id()));
  }

  @Test
  void aChildWhoStayedWithUnknownAdultsIsReferredToTheCoordinatorOnly() {
    Json kase = debriefed(List.of("WITH_UNKNOWN_ADULTS"), List.of("NONE_OBSERVED"));
    Json referral = onlyReferralOf(kase.id());
    assertEquals(List.of("WITH_UNKNOWN_ADULTS"), referral.strings("reasons"));
    List<Object> sms = referralSms(kase.id());
    assertEquals(1, sms.size(), sms.toString());
    assertTrue(sms.get(0).toString().startsWith(TRAFFICKING_1), sms.toString());
  }

  @Test
  void aDebriefWithoutSignsOpensNoReferral() {
    Json kase = debriefed(List.of("WITH_RELATIVES"), List.of("NONE_OBSERVED"));
    assertEquals(List.of(), referralsOf(kase.id()));
    assertEquals(List.of(), referralSms(kase.id()));
  }

  @Test
  void aCorrectedDebriefAddsItsReasonsToTheReferralInProgressAndTellsThePoliceOnce() {
    Json kase = debriefed(List.of("WITH_UNKNOWN_ADULTS"), List.of());
    UUID id = kase.id();
    Map<String, Object> d = new HashMap<>();
    d.put("conductedAt", OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).toString());
    d.put("interviewerRole", "SOCIAL_WORKER");
    d.put("consentToResearch", false);
    d.put("reasons", List.of("PRESSURE_BY_ADULTS"));
    d.put("whereabouts", List.of("WITH_UNKNOWN_ADULTS"));
    d.put("exploitationIndicators", List.of("SEXUAL", "DEBT_BONDAGE"));
    as(staff).put("/api/v1/cases/" + id + "/debrief", d);
    as(staff).put("/api/v1/cases/" + id + "/debrief", d);
    Json referral = onlyReferralOf(id);
    assertEquals(
        List.of("WITH_UNKNOWN_ADULTS", "EXPLOITATION_INDICATORS"), referral.strings("reasons"));
    assertEquals(List.of("SEXUAL", "DEBT_BONDAGE"), referral.strings("indicators"));
    List<Object> sms = referralSms(id);
    assertEquals(
        1, sms.stream().filter(s -> s.toString().startsWith(POLICE)).count(), sms.toString());
    assertEquals(
        1,
        sms.stream().filter(s -> s.toString().startsWith(TRAFFICKING_1)).count(),
        sms.toString());
  }

  @Test
  void aReportOnAChildMarkedAsSuspectedVictimOpensAReferral() {
    Json kase = report(child(tyreso, staff, "SUSPECTED_TRAFFICKING"), staff, TYRESO_CENTRUM);
    Json referral = onlyReferralOf(kase.id());
    assertEquals(List.of("SUSPECTED_TRAFFICKING"), referral.strings("reasons"));
    // The coordinator against trafficking gets the referral, never the disappearance alert.
    List<Object> alerted =
        column("SELECT phone FROM delivery WHERE case_id = ? AND alert_id IS NOT NULL", kase.id());
    assertFalse(alerted.contains(TRAFFICKING_1), alerted.toString());
    assertTrue(referralSms(kase.id()).get(0).toString().startsWith(TRAFFICKING_1));
  }

  @Test
  void aRegionWithoutCoordinatorFallsBackToTheNationalTaskForce() {
    Json kase = report(child(malmo, malmoStaff, "SUSPECTED_EXPLOITATION"), malmoStaff, MALMO);
    Json referral = onlyReferralOf(kase.id());
    assertEquals("SYD", referral.string("policeRegion"));
    List<Object> sms = referralSms(kase.id());
    assertEquals(1, sms.size(), sms.toString());
    assertTrue(sms.get(0).toString().startsWith(NATIONAL), sms.toString());
  }

  @Test
  void socialServicesOpenAReferralByHandOnTheirCasesOnly() {
    Json kase = report(child(tyreso, staff), staff, TYRESO_CENTRUM);
    String uri = "/api/v1/cases/" + kase.id() + "/referrals";
    String tyresoSocial = aUser().socialServices("0138").create();
    String otherSocial = aUser().socialServices("1280").create();
    problemOf(404, () -> as(otherSocial).post(uri, Map.of("reason", "SUSPECTED_TRAFFICKING")));
    assertEquals(List.of(), referralsOf(kase.id()));
    Json problem =
        problemOf(422, () -> as(tyresoSocial).post(uri, Map.of("reason", "WITH_UNKNOWN_ADULTS")));
    assertEquals(List.of("reason"), errorFields(problem));
    problemOf(400, () -> as(tyresoSocial).post(uri, Map.of("reason", "SOMETHING")));
    problemOf(400, () -> as(tyresoSocial).post(uri, Map.of()));
    assertEquals(List.of(), referralsOf(kase.id()));

    Json opened = as(tyresoSocial).post(uri, Map.of("reason", "SUSPECTED_TRAFFICKING"));
    UUID referral = opened.uuid("referral.id");
    assertEquals("OPEN", opened.string("referral.status"));
    assertEquals(false, opened.flag("referral.automatic"));
    assertEquals(false, opened.flag("mayAct"));
    Json again =
        problemOf(409, () -> as(coordinator).post(uri, Map.of("reason", "SUSPECTED_EXPLOITATION")));
    assertEquals("urn:saknad:problem:referral-exists", again.string("type"));
    assertEquals(referral, again.uuid("referralId"));
    // Social services see it (their municipality's case) but the coordinator against trafficking
    // acts.
    assertEquals(
        1,
        as(tyresoSocial).get("/api/v1/referrals").list("[?(@.id == '" + referral + "')]").size());
    problemOf(
        403,
        () ->
            as(tyresoSocial).post("/api/v1/referrals/" + referral + "/acknowledgement", Map.of()));
  }

  // ---- acknowledging, escalating, closing ----

  @Test
  void okWithTheCaseCodeFromTheCoordinatorsPhoneAcknowledgesTheReferral() {
    Json kase = debriefed(List.of("WITH_UNKNOWN_ADULTS"), List.of());
    String code = kase.string("code");
    HttpResponse<String> answer = reply(TRAFFICKING_1, "ok " + code);
    assertTrue(
        answer
            .body()
            .contains("remissen om misstänkt exploatering i ärende " + code + " är kvitterad"),
        answer.body());
    Json referral = onlyReferralOf(kase.id());
    assertEquals("ACKNOWLEDGED", referral.string("status"));
    assertEquals("SMS", referral.string("acknowledgedChannel"));
    assertTrue(reply(TRAFFICKING_1, "OK " + code).body().contains("redan kvitterad"));
    // A phone that was never sent the referral changes nothing.
    Json other = debriefed(List.of("WITH_UNKNOWN_ADULTS"), List.of());
    assertTrue(
        reply("+46703100555", "OK " + other.string("code")).body().contains("kände inte igen"));
    assertEquals("OPEN", onlyReferralOf(other.id()).string("status"));
  }

  @Test
  void anUnacknowledgedReferralGoesToTheNextContactThenToTheNationalTaskForce() {
    Json kase = debriefed(List.of("WITH_UNKNOWN_ADULTS"), List.of());
    UUID referral = onlyReferralOf(kase.id()).id();
    sql(
        "UPDATE referral_notice SET sent_at = sent_at - interval '6 minutes' WHERE referral_id = ?",
        referral);
    escalation.escalateDue();
    List<Object> sms = referralSms(kase.id());
    assertEquals(
        List.of(TRAFFICKING_1, TRAFFICKING_1, TRAFFICKING_2),
        sms.stream().map(s -> s.toString().split(" ")[0]).toList());
    escalation.escalateDue(); // not due yet: nothing more
    assertEquals(3, referralSms(kase.id()).size());
    sql(
        "UPDATE referral_notice SET sent_at = sent_at - interval '6 minutes' WHERE referral_id = ?",
        referral);
    escalation.escalateDue();
    List<String> phones =
        referralSms(kase.id()).stream().map(s -> s.toString().split(" ")[0]).toList();
    assertEquals(
        List.of(TRAFFICKING_1, TRAFFICKING_1, TRAFFICKING_2, TRAFFICKING_2, NATIONAL), phones);
    // Acknowledged: escalation stops.
    reply(TRAFFICKING_2, "OK " + kase.string("code"));
    sql(
        "UPDATE referral_notice SET sent_at = sent_at - interval '1 hour' WHERE referral_id = ?",
        referral);
    escalation.escalateDue();
    assertEquals(5, referralSms(kase.id()).size());
  }

  @Test
  void theRegionsCoordinatorAcknowledgesOnTheWebAndClosesWithAnOutcome() {
    Json kase = debriefed(List.of(), List.of("CRIMINAL"));
    UUID id = onlyReferralOf(kase.id()).id();
    String uri = "/api/v1/referrals/" + id;
    // Another region's coordinator, unbound police and researchers see nothing of it.
    problemOf(404, () -> as(otherRegionTraffickingUser).get(uri));
    assertFalse(
        as(otherRegionTraffickingUser).get("/api/v1/referrals").uuids("[*].id").contains(id));
    String police = aUser().police("STOCKHOLM").create();
    problemOf(404, () -> as(police).post(uri + "/acknowledgement", Map.of()));
    problemOf(403, () -> as(aUser().researcher().create()).get("/api/v1/referrals"));

    Json read = as(traffickingUser).get(uri);
    assertEquals(true, read.flag("mayAct"));
    assertEquals("Referral", read.string("child.givenName"));
    assertFalse(read.toString().contains("Testbarn"), "no family name");
    assertFalse(read.toString().contains("UM-"), "no dossier number");
    assertFalse(read.toString().contains(TRAFFICKING_1), "phones only for coordinators");
    assertTrue(as(coordinator).get(uri).toString().contains(TRAFFICKING_1));

    Json acked = as(traffickingUser).post(uri + "/acknowledgement", Map.of());
    assertEquals("ACKNOWLEDGED", acked.string("referral.status"));
    assertEquals("WEB", acked.string("referral.acknowledgedChannel"));

    problemOf(400, () -> as(traffickingUser).post(uri + "/close", Map.of("outcome", "MAYBE")));
    problemOf(400, () -> as(traffickingUser).post(uri + "/close", Map.of()));
    Json closed = as(traffickingUser).post(uri + "/close", Map.of("outcome", "PRESUMED_VICTIM"));
    assertEquals("CLOSED", closed.string("referral.status"));
    assertEquals("PRESUMED_VICTIM", closed.string("referral.outcome"));
    Json again =
        problemOf(409, () -> as(coordinator).post(uri + "/close", Map.of("outcome", "OTHER")));
    assertEquals("urn:saknad:problem:referral-closed", again.string("type"));
    assertEquals(
        List.of("REFERRAL_OPENED", "REFERRAL_ACKNOWLEDGED", "REFERRAL_CLOSED"),
        column(
            "SELECT action FROM audit_event WHERE case_id = ? AND action IN"
                + " ('REFERRAL_OPENED', 'REFERRAL_ACKNOWLEDGED', 'REFERRAL_CLOSED') ORDER BY id",
            kase.id()));
    assertFalse(
        as(traffickingUser).get("/api/v1/referrals?status=OPEN").uuids("[*].id").contains(id));
  }

  @Test
  void aCoordinatorAgainstTraffickingCoversAPoliceRegion() {
    Json problem =
        problemOf(
            422,
            () ->
                aRecipient()
                    .named("Koordinator utan region")
                    .traffickingCoordinator()
                    .covering("0138")
                    .phone("+46703100777")
                    .by(coordinator)
                    .create());
    assertEquals(List.of("coverage.policeRegion"), errorFields(problem));
  }
}
