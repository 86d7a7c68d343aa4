package se.saknad.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static se.saknad.support.Eventually.waitUntil;
import static se.saknad.support.TestDatabase.count;

import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.saknad.messaging.deletions.ErasingAtTheProvider;
import se.saknad.messaging.outbox.ErasingMessages;
import se.saknad.messaging.provider.VoiceScript;
import se.saknad.support.FakeTwilio;
import se.saknad.support.Json;
import se.saknad.support.TwilioApiTest;
import se.saknad.support.TwilioSignature;

/**
 * Police on Gotland left an alert unacknowledged through every SMS step: they are called. Minutes
 * are test minutes: each step's time is moved back in the database instead of waited for.
 */
@MicronautTest(transactional = false)
class VoiceEscalationTest extends TwilioApiTest {
  private static final String POLICE_1 = "+46702400001";
  private static final String POLICE_2 = "+46702400002";
  private static final String SOCIAL = "+46702400003";
  private static final String COORDINATOR_PHONE = "+46702400999";
  private static final Map<String, Object> GOTLAND = Map.of("lat", 57.5091, "lon", 18.5561);
  private static final Pattern ACTION = Pattern.compile("action=\"([^\"]+)\"");

  @Inject EscalatingUnacknowledged smsEscalation;
  @Inject VoiceEscalation voice;
  @Inject ErasingMessages erasing;
  @Inject ErasingAtTheProvider provider;

  private UUID home;
  private String staff;

  @Override
  protected void sendingSettings(Map<String, String> p) {
    p.put("saknad.sms.poll", "100ms");
    p.put("saknad.sms.provider-down-after", "3");
    quickRetries(p, COORDINATOR_PHONE);
  }

  @BeforeAll
  void gotland() {
    home = newHome(GOTLAND);
    staff = userToken("HVB_STAFF", Map.of("homeId", home));
    aRecipient()
        .police()
        .named("Polisen Gotland")
        .covering("0980")
        .contact("Vakthavande", POLICE_1)
        .contact("Reserv", POLICE_2)
        .escalateAfterMinutes(1)
        .voiceAfterMinutes(1)
        .create();
    // Must acknowledge too, but has no calls.
    aRecipient()
        .socialServices()
        .named("Socialjouren Gotland")
        .covering("0980")
        .phone(SOCIAL)
        .acknowledgementRequired(true)
        .escalateAfterMinutes(1)
        .create();
  }

  private UUID reportMissing() {
    Map<String, Object> profile = profile(home, "Samira", "Haddad");
    profile.put("responsibleMunicipalityCode", "0980");
    UUID child = newChild(staff, profile);
    Map<String, Object> report = new HashMap<>();
    report.put(
        "lastSeenAt",
        OffsetDateTime.now(ZoneOffset.UTC)
            .minusMinutes(5)
            .truncatedTo(ChronoUnit.SECONDS)
            .toString());
    report.put("lastSeenLocation", GOTLAND);
    report.put("lastSeenPlace", "Roma kloster");
    report.put("riskLevel", "HIGH");
    return as(staff).post("/api/v1/children/" + child + "/disappearances", report).id();
  }

  private String code(UUID caseId) {
    return (String) column("SELECT code FROM disappearance_case WHERE id = ?", caseId).get(0);
  }

  /** Both SMS steps of the police pass unanswered: calls are scheduled a (test) minute later. */
  private void smsStepsPassUnanswered(UUID caseId) {
    allHandedOver(caseId);
    for (int step = 0; step < 2; step++) {
      sql(
          "UPDATE delivery SET created_at = created_at - interval '2 minutes' WHERE case_id = ?",
          caseId);
      smsEscalation.escalateDue();
      allHandedOver(caseId);
    }
    assertEquals(
        1L, count("SELECT count(*) FROM voice_escalation WHERE case_id = ?", caseId), "scheduled");
  }

  private void callsAreDue(UUID caseId) {
    sql(
        "UPDATE voice_escalation SET due_at = due_at - interval '2 minutes' WHERE case_id = ?",
        caseId);
    voice.startDue();
  }

  /** A case whose police left the SMS unanswered, and the call now ringing at the first contact. */
  private record Ringing(UUID caseId, String code, FakeTwilio.Call call) {}

  private Ringing firstCall() {
    UUID caseId = reportMissing();
    String code = code(caseId);
    smsStepsPassUnanswered(caseId);
    callsAreDue(caseId);
    return new Ringing(caseId, code, callTo(POLICE_1, code));
  }

  private FakeTwilio.Call callTo(String phone, String code) {
    waitUntil(
        "a call to " + phone,
        () ->
            twilio.callsTo(phone).stream()
                .anyMatch(c -> c.twiml().contains(VoiceScript.digits(code))));
    FakeTwilio.Call call =
        twilio.callsTo(phone).stream()
            .filter(c -> c.twiml().contains(VoiceScript.digits(code)))
            .reduce((a, b) -> b)
            .orElseThrow();
    waitUntil(
        "the call is recorded as placed",
        () ->
            count(
                    "SELECT count(*) FROM delivery WHERE provider_sid = ? AND status <> 'SENDING'",
                    call.sid())
                == 1);
    return call;
  }

  private long callsTo(String phone, String code) {
    return twilio.callsTo(phone).stream()
        .filter(c -> c.twiml().contains(VoiceScript.digits(code)))
        .count();
  }

  /** Posts to a URL the service gave the provider (http://saknad.test/...), signed as Twilio. */
  private HttpResponse<String> signed(String url, Map<String, String> form) {
    return signedWebhook(url.replace(TwilioSignature.PUBLIC_BASE, ""), form);
  }

  private static String gatherUrl(String twiml) {
    Matcher m = ACTION.matcher(twiml);
    assertTrue(m.find(), twiml);
    return m.group(1).replace("&amp;", "&");
  }

  private HttpResponse<String> press(FakeTwilio.Call call, String gatherUrl, String digits) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("CallSid", call.sid());
    form.put("AccountSid", FakeTwilio.ACCOUNT_SID);
    form.put("From", FakeTwilio.FROM);
    form.put("To", call.to());
    form.put("CallStatus", "in-progress");
    form.put("Digits", digits);
    return signed(gatherUrl, form);
  }

  private void ended(FakeTwilio.Call call, String status) {
    signed(
        call.statusCallback(),
        Map.of("CallSid", call.sid(), "CallStatus", status, "To", call.to(), "From", call.from()));
  }

  private long acknowledgements(UUID caseId, String channel) {
    return count(
        "SELECT count(*) FROM acknowledgement WHERE case_id = ? AND channel = ?", caseId, channel);
  }

  @Test
  void policeLeftUnacknowledgedPastTheSmsStepsAreCalledInSwedishWithOneKeyToPress() {
    UUID caseId = reportMissing();
    String code = code(caseId);
    smsStepsPassUnanswered(caseId);
    voice.startDue();
    assertEquals(0, callsTo(POLICE_1, code), "not before voiceAfterMinutes");
    callsAreDue(caseId);
    FakeTwilio.Call call = callTo(POLICE_1, code);
    assertEquals(FakeTwilio.FROM, call.from());
    assertTrue(call.twiml().contains("<Say language=\"sv-SE\">"), call.twiml());
    assertTrue(call.twiml().contains("numDigits=\"1\""), call.twiml());
    assertTrue(call.twiml().contains("Samira, "), call.twiml());
    assertFalse(call.twiml().contains("Haddad"), "no family name");
    assertTrue(call.twiml().contains("år. Senast sedd Roma kloster."), call.twiml());
    assertTrue(call.twiml().contains("Risknivå hög."), call.twiml());
    assertTrue(call.twiml().contains("Tryck 1"), call.twiml());
    assertTrue(
        gatherUrl(call.twiml()).startsWith("http://saknad.test/voice/gather?d="), call.twiml());
    assertTrue(call.statusCallback().startsWith("http://saknad.test/voice/status?d="));
    assertEquals(
        List.of("VOICE"),
        column("SELECT channel FROM delivery WHERE provider_sid = ?", call.sid()));
    // The social services must acknowledge too, but have no calls.
    voice.startDue();
    voice.moveOnFromUnanswered();
    assertEquals(List.of(), twilio.callsTo(SOCIAL));
    assertEquals(1L, count("SELECT count(*) FROM voice_escalation WHERE case_id = ?", caseId));
    assertEquals(0, callsTo(POLICE_2, code), "one contact at a time");
  }

  @Test
  void pressingOneAcknowledgesByVoiceOnceAndAReplayedWebhookChangesNothing() {
    Ringing ringing = firstCall();
    UUID caseId = ringing.caseId();
    String code = ringing.code();
    FakeTwilio.Call call = ringing.call();
    HttpResponse<String> answer = press(call, gatherUrl(call.twiml()), "1");
    assertEquals(200, answer.getStatus().getCode());
    assertTrue(answer.body().contains("är kvitterat"), answer.body());
    assertTrue(answer.body().contains("<Hangup/>"), answer.body());
    HttpResponse<String> replay = press(call, gatherUrl(call.twiml()), "1");
    assertEquals(answer.body(), replay.body());
    assertEquals(1L, acknowledgements(caseId, "VOICE"));
    assertEquals(
        1L,
        count(
            "SELECT count(*) FROM audit_event WHERE case_id = ? AND action = ?",
            caseId,
            "ALERT_ACKNOWLEDGED_VOICE"));
    assertEquals(
        0L,
        count(
            "SELECT count(*) FROM delivery WHERE case_id = ? AND phone = ? AND ack_required",
            caseId,
            POLICE_1));
    // The call ends after the key: nobody else is called, the coordinators are not told.
    ended(call, "completed");
    voice.moveOnFromUnanswered();
    assertEquals(0, callsTo(POLICE_2, code));
    assertEquals(
        0L,
        count(
            "SELECT count(*) FROM coordinator_notice WHERE case_id = ? AND kind = 'CALLS_UNANSWERED'",
            caseId));
    // As by SMS: a second acknowledgement from the same phone is "already acknowledged".
    HttpResponse<String> again =
        press(call, gatherUrl(call.twiml()).replace("step=1", "step=2"), "1");
    assertTrue(again.body().contains("redan kvitterat"), again.body());
  }

  @Test
  void anotherKeyOrNoneIsSaidAndTheAlertRepeatedOnceThenTheCallEndsPolitely() {
    Ringing ringing = firstCall();
    UUID caseId = ringing.caseId();
    String code = ringing.code();
    FakeTwilio.Call call = ringing.call();
    HttpResponse<String> wrong = press(call, gatherUrl(call.twiml()), "5");
    assertTrue(wrong.body().contains("Du tryckte inte 1."), wrong.body());
    assertTrue(wrong.body().contains("Samira"), "the alert once more");
    String second = gatherUrl(wrong.body());
    assertTrue(second.endsWith("step=2"), second);
    HttpResponse<String> none = press(call, second, "");
    assertTrue(none.body().contains("inte kvitterat"), none.body());
    assertTrue(none.body().contains("<Hangup/>"), none.body());
    assertFalse(none.body().contains("<Gather"), none.body());
    assertEquals(0L, acknowledgements(caseId, "VOICE"));
  }

  @Test
  void noAnswerMovesToTheNextContactThenTheCoordinatorsAreTold() {
    Ringing ringing = firstCall();
    UUID caseId = ringing.caseId();
    String code = ringing.code();
    FakeTwilio.Call first = ringing.call();
    ended(first, "no-answer");
    FakeTwilio.Call second = callTo(POLICE_2, code);
    ended(first, "no-answer");
    voice.moveOnFromUnanswered();
    assertEquals(1, callsTo(POLICE_2, code), "a replayed callback calls nobody again");
    ended(second, "busy");
    waitUntil(
        "coordinators told",
        () ->
            twilio.acceptedTo(COORDINATOR_PHONE).stream()
                .anyMatch(s -> s.body().contains(code) && s.body().contains("ringde")));
    assertEquals(1, callsTo(POLICE_1, code), "the chain ends after the last contact");
    assertEquals(
        List.of("UNDELIVERED", "UNDELIVERED"),
        column(
            "SELECT status FROM delivery WHERE case_id = ? AND channel = 'VOICE' ORDER BY created_at",
            caseId));
  }

  @Test
  void aCallThatIsNeverReportedCountsAsUnansweredAfterItsTime() {
    UUID caseId = reportMissing();
    String code = code(caseId);
    smsStepsPassUnanswered(caseId);
    callsAreDue(caseId);
    callTo(POLICE_1, code);
    voice.moveOnFromUnanswered();
    assertEquals(0, callsTo(POLICE_2, code), "still ringing");
    sql(
        "UPDATE delivery SET updated_at = updated_at - interval '11 minutes'"
            + " WHERE case_id = ? AND channel = 'VOICE'",
        caseId);
    voice.moveOnFromUnanswered();
    callTo(POLICE_2, code);
  }

  @Test
  void aClosedCaseStopsTheCalls() {
    UUID waiting = reportMissing();
    smsStepsPassUnanswered(waiting);
    UUID ringing = reportMissing();
    String code = code(ringing);
    smsStepsPassUnanswered(ringing);
    callsAreDue(ringing);
    FakeTwilio.Call call = callTo(POLICE_1, code);
    for (UUID caseId : List.of(waiting, ringing)) {
      as(staff)
          .post(
              "/api/v1/cases/" + caseId + "/return",
              Map.of(
                  "returnedAt",
                  OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString(),
                  "foundBy",
                  "Personal",
                  "condition",
                  "Oskadd"));
    }
    callsAreDue(waiting);
    ended(call, "no-answer");
    voice.moveOnFromUnanswered();
    assertEquals(0, callsTo(POLICE_1, code(waiting)), "a chain not yet started never starts");
    assertEquals(0, callsTo(POLICE_2, code), "a chain under way stops");
    assertEquals(
        0L,
        count(
            "SELECT count(*) FROM coordinator_notice WHERE case_id = ? AND kind = 'CALLS_UNANSWERED'",
            ringing));
  }

  @Test
  void aProviderOutageDuringACallIsRetriedLikeAnSms() {
    UUID caseId = reportMissing();
    String code = code(caseId);
    smsStepsPassUnanswered(caseId);
    int refusedBefore = twilio.refused();
    twilio.outage(503);
    try {
      callsAreDue(caseId);
      waitUntil("refused at least three times", () -> twilio.refused() >= refusedBefore + 3);
      waitUntil(
          "the call is waiting to be retried",
          () ->
              count(
                      "SELECT count(*) FROM delivery_event e JOIN delivery d ON d.id = e.delivery_id"
                          + " WHERE d.case_id = ? AND d.channel = 'VOICE' AND e.status = 'RETRY'",
                      caseId)
                  >= 1);
      assertEquals(
          0L,
          count(
              "SELECT count(*) FROM delivery WHERE case_id = ? AND channel = 'VOICE'"
                  + " AND status IN ('FAILED', 'WITHDRAWN')",
              caseId));
    } finally {
      twilio.endOutage();
    }
    callTo(POLICE_1, code);
    allHandedOver(caseId);
    assertEquals(1, callsTo(POLICE_1, code), "placed once");
    assertEquals(
        List.of("SENT"),
        column("SELECT status FROM delivery WHERE case_id = ? AND channel = 'VOICE'", caseId));
  }

  @Test
  void aCallTheProviderRefusesTellsTheCoordinatorsAndTheNextContactIsCalled() {
    UUID caseId = reportMissing();
    String code = code(caseId);
    smsStepsPassUnanswered(caseId);
    waitUntil(
        "nothing else waits to be sent",
        () -> count("SELECT count(*) FROM delivery WHERE status IN ('QUEUED', 'SENDING')") == 0);
    twilio.scriptCalls(400);
    callsAreDue(caseId);
    waitUntil(
        "the refused call failed",
        () ->
            count(
                    "SELECT count(*) FROM delivery WHERE case_id = ? AND channel = 'VOICE'"
                        + " AND status = 'FAILED'",
                    caseId)
                == 1);
    waitUntil(
        "coordinators told",
        () ->
            twilio.acceptedTo(COORDINATOR_PHONE).stream()
                .anyMatch(s -> s.body().contains("larmsamtal i ärende " + code)));
    voice.moveOnFromUnanswered();
    callTo(POLICE_2, code);
    assertEquals(0, callsTo(POLICE_1, code), "a 4xx is never retried");
  }

  @Test
  void erasingACaseDeletesItsCallsAtTheProvider() {
    Ringing ringing = firstCall();
    UUID caseId = ringing.caseId();
    String code = ringing.code();
    FakeTwilio.Call call = ringing.call();
    transactions.executeWrite(
        status -> {
          erasing.eraseMessagesAbout(List.of(caseId));
          return null;
        });
    provider.eraseDue();
    assertTrue(twilio.deletedCalls().contains(call.sid()), twilio.deletedCalls().toString());
    assertEquals(
        List.of(""), column("SELECT body FROM delivery WHERE provider_sid = ?", call.sid()));
  }

  @Test
  void forgedOrUnsignedVoiceWebhooksAre403AndChangeNothing() {
    Map<String, String> form = Map.of("CallSid", "CAforged", "Digits", "1", "To", POLICE_1);
    problemOf(403, () -> webhook("/voice/gather?d=" + UUID.randomUUID() + "&step=1", form, "x"));
    problemOf(
        403,
        () ->
            webhook(
                "/voice/gather?step=1",
                form,
                TwilioSignature.signPath("other-token", "/voice/gather?step=1", form)));
    // Signed for another address than the one posted to.
    problemOf(
        403,
        () ->
            webhook(
                "/voice/status?d=" + UUID.randomUUID(),
                Map.of("CallSid", "CAforged", "CallStatus", "no-answer"),
                TwilioSignature.signPath(
                    FakeTwilio.AUTH_TOKEN,
                    "/voice/status",
                    Map.of("CallSid", "CAforged", "CallStatus", "no-answer"))));
    problemOf(403, () -> webhook("/voice/status", Map.of("CallSid", "CAforged"), ""));
    assertEquals(0L, count("SELECT count(*) FROM voice_gather WHERE call_sid = 'CAforged'"));
    // Signed but without a CallSid: a 400, nothing stored.
    Json bad =
        problemOf(
            400,
            () ->
                signed(
                    "http://saknad.test/voice/status?d=" + UUID.randomUUID(),
                    Map.of("CallStatus", "completed")));
    assertEquals(List.of("CallSid"), errorFields(bad));
  }

  @Test
  void voiceAfterMinutesDefaultsToFifteenForPoliceIsOffWhenNullAndRefusesBadValues() {
    Map<String, Object> base = new HashMap<>();
    base.put("name", "Polisen Visby");
    base.put("kind", "POLICE");
    base.put("coverage", Map.of("municipalityCodes", List.of("0980")));
    base.put("contacts", List.of(Map.of("name", "Jour", "phone", "+46702400100")));
    Json created = as(adminToken()).post("/api/v1/recipients", base);
    assertEquals(15, created.integer("voiceAfterMinutes"));
    UUID id = created.id();

    Map<String, Object> off = new HashMap<>(base);
    off.put("voiceAfterMinutes", null);
    assertTrue(as(adminToken()).put("/api/v1/recipients/" + id, off).has("voiceAfterMinutes"));
    assertNull(
        as(adminToken()).get("/api/v1/recipients/" + id).read("voiceAfterMinutes", Object.class));

    Map<String, Object> five = new HashMap<>(base);
    five.put("voiceAfterMinutes", 5);
    assertEquals(
        5, as(adminToken()).put("/api/v1/recipients/" + id, five).integer("voiceAfterMinutes"));

    Map<String, Object> shelter = new HashMap<>(base);
    shelter.put("kind", "SHELTER");
    shelter.put("name", "Jourhem Visby");
    assertNull(
        as(adminToken())
            .post("/api/v1/recipients", shelter)
            .read("voiceAfterMinutes", Object.class));

    for (Object value : new Object[] {0, 1441, 2.5, "5", true}) {
      Map<String, Object> wrong = new HashMap<>(base);
      wrong.put("voiceAfterMinutes", value);
      problemOf(400, () -> as(adminToken()).put("/api/v1/recipients/" + id, wrong));
    }
    Map<String, Object> unacknowledged = new HashMap<>(base);
    unacknowledged.put("acknowledgementRequired", false);
    unacknowledged.put("voiceAfterMinutes", 5);
    Json refused =
        problemOf(422, () -> as(adminToken()).put("/api/v1/recipients/" + id, unacknowledged));
    assertEquals(List.of("voiceAfterMinutes"), errorFields(refused));
    assertEquals(List.of(5), column("SELECT voice_after_minutes FROM recipient WHERE id = ?", id));
    problemOf(403, () -> as(staff).put("/api/v1/recipients/" + id, five));
  }
}
