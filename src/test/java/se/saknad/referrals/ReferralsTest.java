package se.saknad.referrals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.saknad.support.ApiTest;
import se.saknad.support.TwilioSignature;

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
    coordinator = userToken("COORDINATOR", Map.of());
    String stockholm =
        recipient(
            "Regionkoordinator Stockholm",
            "TRAFFICKING_COORDINATOR",
            "STOCKHOLM",
            TRAFFICKING_1,
            TRAFFICKING_2);
    recipient("Polisen Stockholm RLC", "POLICE", "STOCKHOLM", POLICE);
    String vast =
        recipient("Regionkoordinator Väst", "TRAFFICKING_COORDINATOR", "VAST", "+46703100020");
    tyreso = newHome(TYRESO_CENTRUM);
    malmo = newHome(MALMO);
    staff = userToken("HVB_STAFF", Map.of("homeId", tyreso));
    malmoStaff = userToken("HVB_STAFF", Map.of("homeId", malmo));
    traffickingUser =
        userToken(
            "SOCIAL_SERVICES",
            Map.of("municipalityCode", "0180", "recipientId", UUID.fromString(stockholm)));
    otherRegionTraffickingUser =
        userToken(
            "SOCIAL_SERVICES",
            Map.of("municipalityCode", "1480", "recipientId", UUID.fromString(vast)));
  }

  // ---- fixtures ----

  private String recipient(String name, String kind, String region, String... phones) {
    List<Map<String, Object>> contacts = new java.util.ArrayList<>();
    for (String phone : phones) {
      contacts.add(Map.of("name", "Jour", "phone", phone));
    }
    return (String)
        post(
                coordinator,
                "/api/v1/recipients",
                Map.of(
                    "name",
                    name,
                    "kind",
                    kind,
                    "coverage",
                    Map.of("policeRegion", region),
                    "contacts",
                    contacts,
                    "escalateAfterMinutes",
                    5))
            .get("id");
  }

  private UUID child(UUID home, String token, List<String> riskIndicators) {
    Map<String, Object> p = profile(home, "Referral", "Testbarn");
    p.put("riskIndicators", riskIndicators);
    p.put("dossierNumber", "UM-" + UUID.randomUUID().toString().substring(0, 8));
    if (home.equals(malmo)) {
      p.put("responsibleMunicipalityCode", "1280");
    }
    return newChild(token, p);
  }

  private Map<String, Object> report(UUID child, String token, Map<String, Object> where) {
    OffsetDateTime seen =
        OffsetDateTime.now(ZoneOffset.UTC).minusDays(2).truncatedTo(ChronoUnit.SECONDS);
    return post(
        token,
        "/api/v1/children/" + child + "/disappearances",
        Map.of("lastSeenAt", seen.toString(), "lastSeenLocation", where, "riskLevel", "HIGH"));
  }

  /** A case reported two days ago, back a day later, with a debrief of these answers. */
  private Map<String, Object> debriefed(List<String> whereabouts, List<String> indicators) {
    Map<String, Object> kase = report(child(tyreso, staff, List.of()), staff, TYRESO_CENTRUM);
    String id = (String) kase.get("id");
    post(
        staff,
        "/api/v1/cases/" + id + "/return",
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
    d.put("whereabouts", whereabouts);
    d.put("exploitationIndicators", indicators);
    d.put("childStatement", "Referral Testbarn berättade om en man i Tyresö");
    post(staff, "/api/v1/cases/" + id + "/debrief", d);
    return kase;
  }

  private List<Map<String, Object>> referralsOf(Object caseId) {
    return getList(coordinator, "/api/v1/referrals").stream()
        .filter(r -> caseId.equals(r.get("caseId")))
        .toList();
  }

  private Map<String, Object> onlyReferralOf(Object caseId) {
    List<Map<String, Object>> all = referralsOf(caseId);
    assertEquals(1, all.size(), "referrals of the case: " + all);
    return all.get(0);
  }

  private List<Object> referralSms(Object caseId) {
    return column(
        "SELECT phone || ' ' || body FROM delivery WHERE case_id = ? AND alert_id IS NULL"
            + " ORDER BY created_at, phone",
        UUID.fromString((String) caseId));
  }

  private HttpResponse<String> reply(String from, String text) {
    Map<String, String> form =
        Map.of(
            "MessageSid",
            "SM" + UUID.randomUUID().toString().replace("-", ""),
            "From",
            from,
            "To",
            "+46700000000",
            "Body",
            text);
    StringBuilder body = new StringBuilder();
    form.forEach(
        (k, v) ->
            body.append(body.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return http()
        .exchange(
            HttpRequest.POST("/sms/inbound", body.toString())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .header(
                    "X-Twilio-Signature",
                    TwilioSignature.sign(AUTH_TOKEN, "http://saknad.test/sms/inbound", form)),
            String.class);
  }

  // ---- opening ----

  @Test
  void exploitationIndicatorsInADebriefReferTheChildToTheRegionsCoordinatorAndPolice() {
    Map<String, Object> kase = debriefed(List.of("WITH_FRIENDS_OWN_AGE"), List.of("LABOUR"));
    String code = (String) kase.get("code");
    Map<String, Object> referral = onlyReferralOf(kase.get("id"));
    assertEquals("OPEN", referral.get("status"));
    assertEquals(List.of("EXPLOITATION_INDICATORS"), referral.get("reasons"));
    assertEquals(List.of("LABOUR"), referral.get("indicators"));
    assertEquals("STOCKHOLM", referral.get("policeRegion"));
    assertEquals(true, referral.get("automatic"));
    String text =
        "SAKNAD "
            + code
            + ": misstänkt exploatering. Svara OK "
            + code
            + " för att kvittera. http://saknad.test/app/referral.html?id="
            + referral.get("id");
    // The first contact of the coordinator and of the police desk; nothing else in the text.
    List<Object> sms = referralSms(kase.get("id"));
    assertTrue(sms.contains(TRAFFICKING_1 + " " + text), sms.toString());
    assertTrue(sms.contains(POLICE + " " + text), sms.toString());
    assertFalse(sms.stream().anyMatch(s -> s.toString().startsWith(TRAFFICKING_2)), sms.toString());
    assertFalse(sms.stream().anyMatch(s -> s.toString().startsWith(NATIONAL)), sms.toString());
    assertEquals(
        1L,
        ((Number)
                column(
                        "SELECT count(*) FROM audit_event WHERE action = 'REFERRAL_OPENED'"
                            + " AND case_id = ?",
                        UUID.fromString((String) kase.get("id")))
                    .get(0))
            .longValue());
  }

  @Test
  void aChildWhoStayedWithUnknownAdultsIsReferredToTheCoordinatorOnly() {
    Map<String, Object> kase = debriefed(List.of("WITH_UNKNOWN_ADULTS"), List.of("NONE_OBSERVED"));
    Map<String, Object> referral = onlyReferralOf(kase.get("id"));
    assertEquals(List.of("WITH_UNKNOWN_ADULTS"), referral.get("reasons"));
    List<Object> sms = referralSms(kase.get("id"));
    assertEquals(1, sms.size(), sms.toString());
    assertTrue(sms.get(0).toString().startsWith(TRAFFICKING_1), sms.toString());
  }

  @Test
  void aDebriefWithoutSignsOpensNoReferral() {
    Map<String, Object> kase = debriefed(List.of("WITH_RELATIVES"), List.of("NONE_OBSERVED"));
    assertEquals(List.of(), referralsOf(kase.get("id")));
    assertEquals(List.of(), referralSms(kase.get("id")));
  }

  @Test
  void aCorrectedDebriefAddsItsReasonsToTheReferralInProgressAndTellsThePoliceOnce() {
    Map<String, Object> kase = debriefed(List.of("WITH_UNKNOWN_ADULTS"), List.of());
    String id = (String) kase.get("id");
    Map<String, Object> d = new HashMap<>();
    d.put("conductedAt", OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).toString());
    d.put("interviewerRole", "SOCIAL_WORKER");
    d.put("consentToResearch", false);
    d.put("whereabouts", List.of("WITH_UNKNOWN_ADULTS"));
    d.put("exploitationIndicators", List.of("SEXUAL", "DEBT_BONDAGE"));
    put(staff, "/api/v1/cases/" + id + "/debrief", d);
    put(staff, "/api/v1/cases/" + id + "/debrief", d);
    Map<String, Object> referral = onlyReferralOf(id);
    assertEquals(
        List.of("WITH_UNKNOWN_ADULTS", "EXPLOITATION_INDICATORS"), referral.get("reasons"));
    assertEquals(List.of("SEXUAL", "DEBT_BONDAGE"), referral.get("indicators"));
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
    Map<String, Object> kase =
        report(child(tyreso, staff, List.of("SUSPECTED_TRAFFICKING")), staff, TYRESO_CENTRUM);
    Map<String, Object> referral = onlyReferralOf(kase.get("id"));
    assertEquals(List.of("SUSPECTED_TRAFFICKING"), referral.get("reasons"));
    // The coordinator against trafficking gets the referral, never the disappearance alert.
    List<Object> alerted =
        column(
            "SELECT phone FROM delivery WHERE case_id = ? AND alert_id IS NOT NULL",
            UUID.fromString((String) kase.get("id")));
    assertFalse(alerted.contains(TRAFFICKING_1), alerted.toString());
    assertTrue(referralSms(kase.get("id")).get(0).toString().startsWith(TRAFFICKING_1));
  }

  @Test
  void aRegionWithoutCoordinatorFallsBackToTheNationalTaskForce() {
    Map<String, Object> kase =
        report(child(malmo, malmoStaff, List.of("SUSPECTED_EXPLOITATION")), malmoStaff, MALMO);
    Map<String, Object> referral = onlyReferralOf(kase.get("id"));
    assertEquals("SYD", referral.get("policeRegion"));
    List<Object> sms = referralSms(kase.get("id"));
    assertEquals(1, sms.size(), sms.toString());
    assertTrue(sms.get(0).toString().startsWith(NATIONAL), sms.toString());
  }

  @Test
  void socialServicesOpenAReferralByHandOnTheirCasesOnly() {
    Map<String, Object> kase = report(child(tyreso, staff, List.of()), staff, TYRESO_CENTRUM);
    String uri = "/api/v1/cases/" + kase.get("id") + "/referrals";
    String tyresoSocial = userToken("SOCIAL_SERVICES", Map.of("municipalityCode", "0138"));
    String otherSocial = userToken("SOCIAL_SERVICES", Map.of("municipalityCode", "1280"));
    problem(404, () -> post(otherSocial, uri, Map.of("reason", "SUSPECTED_TRAFFICKING")));
    assertEquals(List.of(), referralsOf(kase.get("id")));
    Map<String, Object> problem =
        problem(422, () -> post(tyresoSocial, uri, Map.of("reason", "WITH_UNKNOWN_ADULTS")));
    assertEquals(List.of("reason"), errorFields(problem));
    problem(400, () -> post(tyresoSocial, uri, Map.of("reason", "SOMETHING")));
    problem(400, () -> post(tyresoSocial, uri, Map.of()));
    assertEquals(List.of(), referralsOf(kase.get("id")));

    Map<String, Object> opened = post(tyresoSocial, uri, Map.of("reason", "SUSPECTED_TRAFFICKING"));
    @SuppressWarnings("unchecked")
    Map<String, Object> summary = (Map<String, Object>) opened.get("referral");
    assertEquals("OPEN", summary.get("status"));
    assertEquals(false, summary.get("automatic"));
    assertEquals(false, opened.get("mayAct"));
    Map<String, Object> again =
        problem(409, () -> post(coordinator, uri, Map.of("reason", "SUSPECTED_EXPLOITATION")));
    assertEquals("urn:saknad:problem:referral-exists", again.get("type"));
    assertEquals(summary.get("id"), again.get("referralId"));
    // Social services see it (their municipality's case) but the coordinator against trafficking
    // acts.
    assertEquals(
        1,
        getList(tyresoSocial, "/api/v1/referrals").stream()
            .filter(r -> r.get("id").equals(summary.get("id")))
            .count());
    problem(
        403,
        () ->
            post(
                tyresoSocial,
                "/api/v1/referrals/" + summary.get("id") + "/acknowledgement",
                Map.of()));
  }

  // ---- acknowledging, escalating, closing ----

  @Test
  void okWithTheCaseCodeFromTheCoordinatorsPhoneAcknowledgesTheReferral() {
    Map<String, Object> kase = debriefed(List.of("WITH_UNKNOWN_ADULTS"), List.of());
    String code = (String) kase.get("code");
    HttpResponse<String> answer = reply(TRAFFICKING_1, "ok " + code);
    assertTrue(
        answer
            .body()
            .contains("remissen om misstänkt exploatering i ärende " + code + " är kvitterad"),
        answer.body());
    Map<String, Object> referral = onlyReferralOf(kase.get("id"));
    assertEquals("ACKNOWLEDGED", referral.get("status"));
    assertEquals("SMS", referral.get("acknowledgedChannel"));
    assertTrue(reply(TRAFFICKING_1, "OK " + code).body().contains("redan kvitterad"));
    // A phone that was never sent the referral changes nothing.
    Map<String, Object> other = debriefed(List.of("WITH_UNKNOWN_ADULTS"), List.of());
    assertTrue(reply("+46703100555", "OK " + other.get("code")).body().contains("kände inte igen"));
    assertEquals("OPEN", onlyReferralOf(other.get("id")).get("status"));
  }

  @Test
  void anUnacknowledgedReferralGoesToTheNextContactThenToTheNationalTaskForce() {
    Map<String, Object> kase = debriefed(List.of("WITH_UNKNOWN_ADULTS"), List.of());
    UUID referral = UUID.fromString((String) onlyReferralOf(kase.get("id")).get("id"));
    sql(
        "UPDATE referral_notice SET sent_at = sent_at - interval '6 minutes' WHERE referral_id = ?",
        referral);
    escalation.escalateDue();
    List<Object> sms = referralSms(kase.get("id"));
    assertEquals(
        List.of(TRAFFICKING_1, TRAFFICKING_1, TRAFFICKING_2),
        sms.stream().map(s -> s.toString().split(" ")[0]).toList());
    escalation.escalateDue(); // not due yet: nothing more
    assertEquals(3, referralSms(kase.get("id")).size());
    sql(
        "UPDATE referral_notice SET sent_at = sent_at - interval '6 minutes' WHERE referral_id = ?",
        referral);
    escalation.escalateDue();
    List<String> phones =
        referralSms(kase.get("id")).stream().map(s -> s.toString().split(" ")[0]).toList();
    assertEquals(
        List.of(TRAFFICKING_1, TRAFFICKING_1, TRAFFICKING_2, TRAFFICKING_2, NATIONAL), phones);
    // Acknowledged: escalation stops.
    reply(TRAFFICKING_2, "OK " + kase.get("code"));
    sql(
        "UPDATE referral_notice SET sent_at = sent_at - interval '1 hour' WHERE referral_id = ?",
        referral);
    escalation.escalateDue();
    assertEquals(5, referralSms(kase.get("id")).size());
  }

  @Test
  void theRegionsCoordinatorAcknowledgesOnTheWebAndClosesWithAnOutcome() {
    Map<String, Object> kase = debriefed(List.of(), List.of("CRIMINAL"));
    String id = (String) onlyReferralOf(kase.get("id")).get("id");
    String uri = "/api/v1/referrals/" + id;
    // Another region's coordinator, unbound police and researchers see nothing of it.
    problem(404, () -> get(otherRegionTraffickingUser, uri));
    assertTrue(
        getList(otherRegionTraffickingUser, "/api/v1/referrals").stream()
            .noneMatch(r -> r.get("id").equals(id)));
    String police = userToken("POLICE", Map.of("policeRegion", "STOCKHOLM"));
    problem(404, () -> post(police, uri + "/acknowledgement", Map.of()));
    problem(403, () -> get(userToken("RESEARCHER", Map.of()), "/api/v1/referrals"));

    Map<String, Object> read = get(traffickingUser, uri);
    assertEquals(true, read.get("mayAct"));
    @SuppressWarnings("unchecked")
    Map<String, Object> child = (Map<String, Object>) read.get("child");
    assertEquals("Referral", child.get("givenName"));
    assertFalse(read.toString().contains("Testbarn"), "no family name");
    assertFalse(read.toString().contains("UM-"), "no dossier number");
    assertFalse(read.toString().contains(TRAFFICKING_1), "phones only for coordinators");
    assertTrue(get(coordinator, uri).toString().contains(TRAFFICKING_1));

    Map<String, Object> acked = post(traffickingUser, uri + "/acknowledgement", Map.of());
    assertEquals("ACKNOWLEDGED", ((Map<?, ?>) acked.get("referral")).get("status"));
    assertEquals("WEB", ((Map<?, ?>) acked.get("referral")).get("acknowledgedChannel"));

    problem(400, () -> post(traffickingUser, uri + "/close", Map.of("outcome", "MAYBE")));
    problem(400, () -> post(traffickingUser, uri + "/close", Map.of()));
    Map<String, Object> closed =
        post(traffickingUser, uri + "/close", Map.of("outcome", "PRESUMED_VICTIM"));
    assertEquals("CLOSED", ((Map<?, ?>) closed.get("referral")).get("status"));
    assertEquals("PRESUMED_VICTIM", ((Map<?, ?>) closed.get("referral")).get("outcome"));
    Map<String, Object> again =
        problem(409, () -> post(coordinator, uri + "/close", Map.of("outcome", "OTHER")));
    assertEquals("urn:saknad:problem:referral-closed", again.get("type"));
    assertEquals(
        List.of("REFERRAL_OPENED", "REFERRAL_ACKNOWLEDGED", "REFERRAL_CLOSED"),
        column(
            "SELECT action FROM audit_event WHERE case_id = ? AND action IN"
                + " ('REFERRAL_OPENED', 'REFERRAL_ACKNOWLEDGED', 'REFERRAL_CLOSED') ORDER BY id",
            UUID.fromString((String) kase.get("id"))));
    assertEquals(
        List.of(),
        getList(traffickingUser, "/api/v1/referrals?status=OPEN").stream()
            .filter(r -> r.get("id").equals(id))
            .toList());
  }

  @Test
  void aCoordinatorAgainstTraffickingCoversAPoliceRegion() {
    Map<String, Object> problem =
        problem(
            422,
            () ->
                post(
                    coordinator,
                    "/api/v1/recipients",
                    Map.of(
                        "name",
                        "Koordinator utan region",
                        "kind",
                        "TRAFFICKING_COORDINATOR",
                        "coverage",
                        Map.of("municipalityCodes", List.of("0138")),
                        "contacts",
                        List.of(Map.of("name", "Jour", "phone", "+46703100777")))));
    assertEquals(List.of("coverage.policeRegion"), errorFields(problem));
  }
}
